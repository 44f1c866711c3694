"""Django's ``flush``, allowed to empty the append-only audit tables (docs/security.md, "History")."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS

from motcua.core import audit


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with audit.emptying(options.get("database") or DEFAULT_DB_ALIAS):
            super().handle(**options)
