"""Remind agencies of feedback due within a working day; escalate late items to the coordinator."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.feedback.services import alerts


class Command(BaseCommand):
    help = "Remind agencies of feedback due within a working day and escalate late items (each once)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = alerts.scan(timezone.now())
        self.stdout.write(f"Nhắc hạn: {result.reminded}; báo quá hạn: {result.escalated}; kết thúc: {result.closed}.")
