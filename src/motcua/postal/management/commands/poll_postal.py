"""Ask the postal operator for the tracking of every open order (run periodically, e.g. every 15 min,
or with --interval as a loop): a callback that never arrived is caught up here."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from motcua.postal import services


class Command(BaseCommand):
    help = "Tra cứu hành trình các đơn bưu chính chưa kết thúc tại doanh nghiệp bưu chính."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=0, help="Repeat every N seconds (0: once).")
        parser.add_argument("--limit", type=int, default=200, help="Orders asked about per round.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            counts = services.poll(limit=options["limit"])
            self.stdout.write(
                f"{counts['orders']} orders asked, {counts['events']} new events, {counts['failed']} failed"
            )
            if not options["interval"]:
                return
            time.sleep(options["interval"])
