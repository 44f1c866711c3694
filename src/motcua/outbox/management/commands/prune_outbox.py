"""Delete delivered messages older than a number of days (dead and pending ones are kept)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.outbox import services


class Command(BaseCommand):
    help = "Xóa các thông điệp đã được tiếp nhận cũ hơn số ngày cho trước (giữ thông điệp chờ gửi, dừng gửi)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=90, help="Keep what was delivered in the last DAYS days.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=options["days"])
        total = 0
        while deleted := services.prune_delivered(older_than=cutoff):
            total += deleted
        self.stdout.write(f"{total} delivered messages deleted.")
