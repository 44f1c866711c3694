"""Reconciliation of payments, safe to run repeatedly (cron or a systemd timer).

- Every few minutes: ``manage.py reconcile_payments --older-than 15`` asks the gateway about payments
  still pending (lost notifications) and applies its answer.
- Once a day: ``manage.py reconcile_payments --statement-day yesterday`` also compares the gateway's
  statement of that day with the payments recorded here (``--statement-file`` to read a statement
  downloaded from the gateway's merchant site); differences are listed for an officer in the back office.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.payments.gateway import get_gateway
from motcua.payments.models import ReconciliationDifference
from motcua.payments.reconciliation import reconcile_statement
from motcua.payments.services import reconcile_pending


def _day(value: str) -> date:
    today = timezone.localdate()
    if value == "yesterday":
        return today - timedelta(days=1)
    if value == "today":
        return today
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Invalid day {value!r}: use YYYY-MM-DD, today or yesterday.") from exc


class Command(BaseCommand):
    help = "Ask the payment gateway about pending payments; with --statement-day, reconcile its daily statement."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than", type=int, default=10, help="Only payments started at least this many minutes ago."
        )
        parser.add_argument("--statement-day", help="Reconcile the statement of this day (YYYY-MM-DD, yesterday).")
        parser.add_argument("--statement-file", help="The statement as downloaded from the gateway (CSV).")
        parser.add_argument("--gateway", help="The gateway whose statement is read (default PAYMENT_GATEWAY).")

    def handle(self, *args: Any, **options: Any) -> None:
        report = reconcile_pending(older_than=timedelta(minutes=options["older_than"]))
        updated = ", ".join(f"{state}: {count}" for state, count in sorted(report.updated.items())) or "none"
        self.stdout.write(f"Checked {report.checked}; updated {updated}; still pending {report.still_pending}.")
        for error in report.errors:
            self.stderr.write(error)
        if options["statement_day"] or options["statement_file"]:
            self._statement(options)

    def _statement(self, options: dict[str, Any]) -> None:
        gateway = get_gateway(options["gateway"])
        day = _day(options["statement_day"] or "yesterday")
        try:
            if options["statement_file"]:
                lines = gateway.parse_statement(Path(options["statement_file"]).read_text(encoding="utf-8-sig"))
            else:
                lines = gateway.statement(day)
        except DomainError as error:
            raise CommandError(error.message) from error
        run = reconcile_statement(gateway=gateway.name, day=day, lines=lines)
        open_count = ReconciliationDifference.objects.filter(
            gateway=gateway.name, day=day, resolved_at__isnull=True
        ).count()
        self.stdout.write(
            f"Statement {gateway.name} {day}: {run.statement_lines} lines, {run.statement_total_vnd} VND at the "
            f"gateway, {run.recorded_total_vnd} VND recorded; {open_count} open differences."
        )
