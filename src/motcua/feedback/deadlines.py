"""Answering deadlines on the project's working-time clock (holidays and office closures included)."""

from __future__ import annotations

from datetime import datetime

from motcua.workdays.clock import add_working_time
from motcua.workdays.selectors import get_calendar_covering


def answer_due(received_at: datetime, working_days: int) -> datetime:
    """When the answer is due: ``working_days`` working days of office time after ``received_at``."""
    calendar = get_calendar_covering(received_at.date())
    return add_working_time(calendar, received_at, days=working_days)


def is_late(due_at: datetime, answered_at: datetime | None, now: datetime) -> bool:
    """Answered after the deadline, or not answered and the deadline passed."""
    return (answered_at or now) > due_at
