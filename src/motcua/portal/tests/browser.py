"""Helpers of the portal's browser tests: accessibility check with the vendored axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core violations of impact serious or critical on the current page (WCAG 2.1 AA rules)."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


def phone_page_like(new_browser_page: Any, page: Any, viewport: dict[str, int]) -> Any:
    """A phone-sized page signed in as the same citizen (cookies copied)."""
    phone = new_browser_page(viewport=viewport)
    phone.context.add_cookies(page.context.cookies())
    return phone
