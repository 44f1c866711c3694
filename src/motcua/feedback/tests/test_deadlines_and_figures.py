"""Deadlines on the working-time clock (holidays included), reminders and escalation once each, and the
figures the operations centre reads (Decision 766: on-time answers and satisfaction)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from motcua.feedback import figures, services
from motcua.feedback.constants import Channel
from motcua.feedback.deadlines import answer_due
from motcua.feedback.models import FeedbackEvent
from motcua.feedback.services import alerts
from motcua.feedback.tests.conftest import MONDAY_9AM, Province, submission
from motcua.workdays.constants import VIETNAM_TZ

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Thursday 29/4/2027 16:00, 10 working days: 30/4 and 1/5 are holidays, Monday 3/5 is the day off in
        # lieu of 1/5 (a Saturday), then weekends: one hour on Thursday, nine days, seven hours on Monday 17/5.
        (datetime(2027, 4, 29, 16, 0), 10, datetime(2027, 5, 17, 16, 0)),
        # Received on a Saturday: the clock starts on Monday's opening.
        (datetime(2026, 3, 7, 10, 0), 5, datetime(2026, 3, 13, 17, 0)),
        # Monday 09:00, 5 working days: the next Monday 09:00.
        (datetime(2026, 3, 2, 9, 0), 5, datetime(2026, 3, 9, 9, 0)),
    ],
)
def test_answer_due_on_the_working_clock(received: datetime, days: int, due: datetime) -> None:
    assert answer_due(received.replace(tzinfo=VIETNAM_TZ), days) == due.replace(tzinfo=VIETNAM_TZ)


def test_reminded_once_before_the_deadline_then_escalated_once(
    province: Province, frozen: Any, django_capture_on_commit_callbacks: Any
) -> None:
    province.department.email = "soxaydung@example.vn"
    province.department.save()
    province.centre.email = "trungtam@example.vn"
    province.centre.save()
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)  # due Monday 9/3 09:00
    frozen.move_to(datetime(2026, 3, 6, 10, 0, tzinfo=VIETNAM_TZ))
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.scan(datetime(2026, 3, 6, 10, 0, tzinfo=VIETNAM_TZ)) == alerts.ScanResult(1, 0)
        assert alerts.scan(datetime(2026, 3, 6, 11, 0, tzinfo=VIETNAM_TZ)) == alerts.ScanResult(0, 0)
        assert alerts.scan(datetime(2026, 3, 9, 10, 0, tzinfo=VIETNAM_TZ)) == alerts.ScanResult(0, 1)
        assert alerts.scan(datetime(2026, 3, 10, 10, 0, tzinfo=VIETNAM_TZ)) == alerts.ScanResult(0, 0)
        # Seven working days after the escalation (Monday 9/3 10:00) with nothing done: an update is asked
        # for on Wednesday 18/3 10:00, not before, then again seven working days later.
        assert alerts.scan(datetime(2026, 3, 18, 9, 0, tzinfo=VIETNAM_TZ)).progress_requested == 0
        assert alerts.scan(datetime(2026, 3, 18, 10, 0, tzinfo=VIETNAM_TZ)).progress_requested == 1
        assert alerts.scan(datetime(2026, 3, 19, 10, 0, tzinfo=VIETNAM_TZ)).progress_requested == 0
    late_mail = sorted(address for m in mail.outbox if m.subject.startswith("Phản ánh quá hạn") for address in m.to)
    assert late_mail == ["soxaydung@example.vn", "trungtam@example.vn"]
    assert [m.to for m in mail.outbox if "sắp đến hạn" in m.subject] == [["soxaydung@example.vn"]]
    actions = list(FeedbackEvent.objects.filter(item=item).values_list("action", flat=True))
    assert actions[-3:] == ["remind", "escalate", "progress_requested"]


def _answered(
    province: Province, *, after_hours: int, satisfied: bool | None, category: str = "giao-thong-ha-tang"
) -> None:
    with time_machine.travel(MONDAY_9AM, tick=False):
        item = services.submit_feedback(submission(category=category), channel=Channel.PORTAL)
    at = MONDAY_9AM + timedelta(hours=after_hours)
    services.accept(item, actor=province.head, handler=province.specialist, now=at)
    services.submit_answer(item, actor=province.specialist, answer="Đã xử lý xong việc phản ánh.", now=at)
    services.approve(item, actor=province.leader, now=at)
    if satisfied is not None:
        services.rate(item, satisfied=satisfied, phone="0912345678", now=at + timedelta(hours=1))


def test_figures_per_agency_give_the_766_rates(province: Province) -> None:
    _answered(province, after_hours=24, satisfied=True)  # on time
    _answered(province, after_hours=48, satisfied=True)  # on time
    _answered(province, after_hours=24 * 10, satisfied=False)  # late (due after 5 working days)
    _answered(province, after_hours=24, satisfied=None)  # on time, not rated
    with time_machine.travel(MONDAY_9AM, tick=False):
        services.submit_feedback(submission(), channel=Channel.PORTAL)  # still open
        spam = services.submit_feedback(submission(category="khac"), channel=Channel.PORTAL)
        services.reject(spam, actor=province.coordinator, reason="Quảng cáo")  # never counted
    now = MONDAY_9AM + timedelta(days=30)
    [row] = figures.figures(MONDAY_9AM - timedelta(days=1), now, now=now)
    assert (row.name, row.received, row.answered, row.answered_on_time, row.answered_late) == (
        province.department.name,
        5,
        4,
        3,
        1,
    )
    assert (row.open_late, row.rated, row.satisfied) == (1, 3, 2)
    assert str(row.on_time_rate) == "75.0" and str(row.satisfaction_rate) == "66.7"
    by_category = figures.figures(MONDAY_9AM - timedelta(days=1), now, by="category", now=now)
    assert [(r.key, r.received) for r in by_category] == [("giao-thong-ha-tang", 5)]
    assert figures.figures(now, now + timedelta(days=1), now=now) == []
