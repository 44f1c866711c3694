"""Print the demo logins (only those that exist in the database)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.accounts.demo import describe_logins


class Command(BaseCommand):
    help = "List the demo accounts and their password."

    def handle(self, *args: Any, **options: Any) -> None:
        for line in describe_logins():
            self.stdout.write(f"  {line}")
