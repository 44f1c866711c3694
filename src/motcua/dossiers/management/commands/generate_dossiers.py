"""Create N realistic dossiers in bulk for the benchmarks (never in production)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from motcua.dossiers.generator import generate


class Command(BaseCommand):
    help = "Bulk-create N dossiers across procedures, agencies and statuses (benchmark data; needs the catalogue)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int)
        parser.add_argument("--days", type=int, default=365, help="Spread closed dossiers over this many past days.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        def progress(done: int) -> None:
            if done % 50_000 == 0 or done == options["count"]:
                self.stdout.write(f"  {done:,} dossiers ({time.perf_counter() - started:.0f} s)")

        created = generate(
            options["count"], days=options["days"], seed=options["seed"], now=timezone.now(), progress=progress
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Created {created:,} dossiers in {elapsed:.1f} s."))
