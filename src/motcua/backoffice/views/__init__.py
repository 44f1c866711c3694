"""Back-office pages for officials. Views parse input, authorise and call domain services; no rules here."""
