"""Confirm payments whose gateway callback never arrived: ``manage.py reconcile_payments --older-than 15``.

Run it from cron or a systemd timer every few minutes; it is safe to run repeatedly.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.payments.services import reconcile_pending


class Command(BaseCommand):
    help = "Ask the payment gateway about payments still pending and apply its answer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than", type=int, default=10, help="Only payments started at least this many minutes ago."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = reconcile_pending(older_than=timedelta(minutes=options["older_than"]))
        updated = ", ".join(f"{state}: {count}" for state, count in sorted(report.updated.items())) or "none"
        self.stdout.write(f"Checked {report.checked}; updated {updated}; still pending {report.still_pending}.")
        for error in report.errors:
            self.stderr.write(error)
