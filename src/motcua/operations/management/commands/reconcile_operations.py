"""Compare the operations centre's aggregates with a recount of the dossiers; ``--fix`` repairs them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.operations.reconcile import reconcile

SHOWN = 50


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {raw} (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Recount the operations centre's figures from the dossiers and report every difference with the "
        "maintained aggregates (per day; per month for the rows by procedure). --fix replaces the rows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="first", type=_date, help="First day (YYYY-MM-DD); default: all.")
        parser.add_argument("--to", dest="last", type=_date, help="Last day (YYYY-MM-DD); default: all.")
        parser.add_argument("--fix", action="store_true", help="Replace the rows of those days by the recount.")

    def handle(self, *args: Any, first: date | None, last: date | None, fix: bool, **options: Any) -> None:
        if first and last and last < first:
            raise CommandError("--to phải sau --from.")
        outcome = reconcile(first, last, fix=fix)
        checked = ", ".join(f"{n} {table}" for table, n in outcome.checked.items())
        for difference in outcome.differences[:SHOWN]:
            self.stdout.write(str(difference))
        if len(outcome.differences) > SHOWN:
            self.stdout.write(f"… and {len(outcome.differences) - SHOWN} more.")
        if not outcome.differences:
            self.stdout.write(self.style.SUCCESS(f"No difference ({checked} rows checked)."))
        elif outcome.fixed:
            self.stdout.write(self.style.WARNING(f"{len(outcome.differences)} differences, fixed ({checked})."))
        else:
            self.stdout.write(self.style.ERROR(f"{len(outcome.differences)} differences ({checked}); --fix repairs."))
            raise SystemExit(1)
