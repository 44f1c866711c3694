"""Reminders before the answering deadline, escalation to the coordinator once it passed, and closing
answered items left unrated after the response period (``FEEDBACK_RESPONSE_DAYS``), and asking the agency
for a progress update every 7 working days while a late item sees no action.

Each is sent once per item and deadline (a history row ``remind`` / ``escalate`` records it, with the
deadline it was about, so an extension or a reopening starts them again). Run by
``manage.py scan_feedback_deadlines`` (for example hourly from the scheduler).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from motcua.feedback.constants import AT_AGENCY, Status
from motcua.feedback.models import CoordinatingUnit, FeedbackEvent, FeedbackItem
from motcua.feedback.services.base import check, move, record
from motcua.notifications.services import notify
from motcua.workdays.clock import add_working_time
from motcua.workdays.selectors import get_calendar_covering

REMIND_WORKING_DAYS = 1
# Once late, the agency reports progress at least this often (the ministries' rule: every 7 working days).
PROGRESS_WORKING_DAYS = 7


@dataclass(frozen=True)
class ScanResult:
    reminded: int
    escalated: int
    closed: int = 0
    progress_requested: int = 0


def _ask_for_progress(now: datetime.datetime) -> int:
    """Late items on which nothing was written for ``PROGRESS_WORKING_DAYS``: the agency is asked for an update
    (a history row, so the next request comes that many working days later unless the agency acts first)."""
    calendar = get_calendar_covering(now.date())
    late = FeedbackItem.objects.filter(status__in=AT_AGENCY, due_at__lt=now).select_related("handling_agency")
    asked = 0
    for item in late.select_for_update(of=("self",)):
        last = item.events.order_by("-occurred_at").values_list("occurred_at", flat=True).first()
        if last is None or add_working_time(calendar, last, days=PROGRESS_WORKING_DAYS) > now:
            continue
        record(item, "progress_requested", actor=None, now=now, status_before=item.status)
        agency_email = [item.handling_agency.email] if item.handling_agency and item.handling_agency.email else []
        body = f"Phản ánh {item.code} đã quá hạn; đề nghị cập nhật tiến độ xử lý (định kỳ 7 ngày làm việc)."
        _send_after_commit(agency_email, f"Cập nhật tiến độ phản ánh quá hạn: {item.code}", body, item.code)
        asked += 1
    return asked


def _close_unrated(now: datetime.datetime) -> int:
    """Answered items the citizen neither rated nor reopened within the response period are closed."""
    limit = now - datetime.timedelta(days=settings.FEEDBACK_RESPONSE_DAYS)
    closed = 0
    stale = FeedbackItem.objects.filter(status=Status.ANSWERED, answered_at__lt=limit).select_related("category")
    for item in stale.select_for_update(of=("self",)):
        check("close", item, actor=None)
        item.closed_at = now
        move(item, "close", actor=None, now=now, fields=("closed_at",))
        closed += 1
    return closed


def _already(item: FeedbackItem, action: str) -> bool:
    return FeedbackEvent.objects.filter(item=item, action=action, data__due_at=item.due_at.isoformat()).exists()


def _send_after_commit(emails: list[str], subject: str, body: str, reference: str) -> None:
    if emails:
        transaction.on_commit(
            lambda: notify(subject=subject, body=body, emails=emails, topic="feedback_deadline", reference=reference)
        )


@transaction.atomic
def scan(now: datetime.datetime) -> ScanResult:
    soon = add_working_time(get_calendar_covering(now.date()), now, days=REMIND_WORKING_DAYS)
    open_items = FeedbackItem.objects.filter(status__in=AT_AGENCY, due_at__lte=soon).select_related("handling_agency")
    coordinators = [u.agency.email for u in CoordinatingUnit.objects.select_related("agency") if u.agency.email]
    reminded = escalated = 0
    for item in open_items.select_for_update(of=("self",)):
        late = item.due_at < now
        action = "escalate" if late else "remind"
        if _already(item, action):
            continue
        record(item, action, actor=None, now=now, status_before=item.status, data={"due_at": item.due_at.isoformat()})
        agency_email = [item.handling_agency.email] if item.handling_agency and item.handling_agency.email else []
        if late:
            escalated += 1
            body = f"Phản ánh {item.code} quá hạn trả lời từ {item.due_at:%d/%m/%Y %H:%M}."
            _send_after_commit(coordinators + agency_email, f"Phản ánh quá hạn: {item.code}", body, item.code)
        else:
            reminded += 1
            body = f"Phản ánh {item.code} đến hạn trả lời lúc {item.due_at:%d/%m/%Y %H:%M}."
            _send_after_commit(agency_email, f"Phản ánh sắp đến hạn: {item.code}", body, item.code)
    return ScanResult(
        reminded=reminded,
        escalated=escalated,
        closed=_close_unrated(now),
        progress_requested=_ask_for_progress(now),
    )
