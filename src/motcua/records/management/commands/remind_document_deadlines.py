"""Remind lead units of incoming documents due within a working day or overdue (each direction once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.records import reminders


class Command(BaseCommand):
    help = "Remind lead units of incoming documents due within one working day or overdue (once per direction)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Nhắc hạn xử lý văn bản đến: {reminders.scan(timezone.now())}.")
