"""Run the deadline reminders now, or enqueue them for the background worker (optionally periodic)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from motcua.dossiers import alerts, tasks


class Command(BaseCommand):
    help = "Remind officials of dossiers and steps due within 1 working day or overdue (idempotent per day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Enqueue for the worker instead of running now.")
        parser.add_argument(
            "--every", type=int, default=0, help="With --enqueue: repeat every N minutes (the task re-enqueues itself)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            if options["every"] > 0:
                if tasks.next_run_waiting():
                    self.stdout.write("Việc quét hạn định kỳ đã có trong hàng đợi.")
                    return
                tasks.scan_deadlines.enqueue(every_minutes=options["every"])
                self.stdout.write(f"Đã xếp lịch quét hạn mỗi {options['every']} phút.")
            else:
                tasks.scan_deadlines.enqueue()
                self.stdout.write("Đã đưa việc quét hạn vào hàng đợi.")
            return
        result = alerts.scan(timezone.now()).as_dict()
        self.stdout.write(f"Hồ sơ: {result['dossiers']}, bước: {result['steps']}, thư đã gửi: {result['messages']}")
