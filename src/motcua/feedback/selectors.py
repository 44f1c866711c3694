"""Reads of feedback: tracking without an account, public answers, the officials' inboxes, one item's page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from motcua.core.exceptions import NotFound
from motcua.core.text import fold
from motcua.feedback import actors, workflow
from motcua.feedback.constants import AT_AGENCY, AT_COORDINATOR, CategoryKind, Status
from motcua.feedback.models import Category, FeedbackEvent, FeedbackItem
from motcua.feedback.privacy import same_phone

_RELATED = ("category", "handling_agency", "unit", "merged_into")
MAX_MERGE_DEPTH = 5


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).order_by("order", "name")


def followed(item: FeedbackItem) -> FeedbackItem:
    """The item a citizen follows: the surviving one when theirs was merged."""
    for _ in range(MAX_MERGE_DEPTH):
        if item.merged_into_id is None:
            return item
        item = FeedbackItem.objects.select_related(*_RELATED).get(pk=item.merged_into_id)
    return item


@dataclass(frozen=True)
class PublicStep:
    label: str
    occurred_at: datetime.datetime


@dataclass(frozen=True)
class Tracked:
    """What whoever holds the code and the phone may read: no official's name, no internal note."""

    code: str
    followed_code: str
    item: FeedbackItem
    steps: list[PublicStep]
    can_rate: bool
    can_reopen: bool
    is_late: bool


_PUBLIC_LABELS = {
    "receive": "Tiếp nhận phản ánh",
    "route": "Chuyển cơ quan xử lý",
    "accept": "Cơ quan nhận xử lý",
    "approve": "Gửi trả lời",
    "reject": "Không tiếp nhận xử lý",
    "merge": "Gộp với phản ánh trùng nội dung",
    "extend": "Gia hạn trả lời",
    "rate": "Người dân đánh giá",
    "reopen": "Đề nghị xem xét lại",
}


def track(code: str, phone: str, *, now: datetime.datetime | None = None) -> Tracked:
    """The item for its code and its citizen's phone (the surviving one when merged), or ``NotFound``."""
    now = now or timezone.now()
    wanted = (code or "").strip().upper()
    item = FeedbackItem.objects.select_related(*_RELATED).filter(code=wanted).first() if 0 < len(wanted) <= 20 else None
    if item is None or not same_phone(item.citizen_phone, phone or ""):
        raise NotFound("Không tìm thấy phản ánh với mã và số điện thoại đã nhập.", code="feedback_not_found")
    shown = followed(item)
    events = FeedbackEvent.objects.filter(item__in={item.pk, shown.pk}).order_by("occurred_at", "pk")
    steps = [PublicStep(_PUBLIC_LABELS[e.action], e.occurred_at) for e in events if e.action in _PUBLIC_LABELS]
    return Tracked(
        code=item.code,
        followed_code=shown.code,
        item=shown,
        steps=steps,
        can_rate=workflow.allowed("rate", shown.status),
        can_reopen=workflow.allowed("reopen", shown.status) and shown.reopened_count < 1,
        is_late=shown.status in AT_AGENCY and now > shown.due_at,
    )


def public_answers(query: str = "", category: str = "") -> QuerySet[FeedbackItem]:
    """Published questions and answers, newest first; ``query`` matches words in either, without diacritics."""
    items = FeedbackItem.objects.filter(is_published=True).select_related("category", "handling_agency")
    if category:
        items = items.filter(category__code=category)
    items = items.order_by("-answered_at", "-pk")
    words = fold(query).split()
    if not words:
        return items
    # Published texts are few and short: folded in Python, so both databases search alike.
    wanted = [
        item.pk for item in items if all(w in fold(f"{item.public_question} {item.public_answer}") for w in words)
    ]
    return items.filter(pk__in=wanted)


def published(code: str) -> FeedbackItem:
    item = public_answers().filter(code=code).first()
    if item is None:
        raise NotFound("Không tìm thấy câu trả lời công khai.", code="feedback_not_found")
    return item


COORDINATOR_BOXES = {
    "moi": ("Mới tiếp nhận, bị trả lại", Q(status__in=AT_COORDINATOR)),
    "da-chuyen": ("Đã chuyển, chờ cơ quan nhận", Q(status=Status.ROUTED)),
    "tra-loi": ("Đã trả lời, chờ công khai", Q(status__in=(Status.ANSWERED, Status.CLOSED), is_published=False)),
}
AGENCY_BOXES = {
    "can-nhan": ("Chờ nhận xử lý", Q(status=Status.ROUTED)),
    "dang-xu-ly": ("Đang xử lý", Q(status=Status.IN_PROGRESS)),
    "cho-duyet": ("Chờ duyệt trả lời", Q(status=Status.AWAITING_APPROVAL)),
    "da-tra-loi": ("Đã trả lời", Q(status__in=(Status.ANSWERED, Status.CLOSED))),
}
LATE_BOX = ("Quá hạn trả lời", None)


def inbox(user: Any, box: str, *, coordinator: bool, now: datetime.datetime | None = None) -> QuerySet[FeedbackItem]:
    """One box of the coordinator's or the agency's inbox; ``qua-han`` lists late items still unanswered."""
    now = now or timezone.now()
    items = actors.visible_to_official(user).select_related(*_RELATED)
    if box == "qua-han":
        return items.filter(status__in=AT_AGENCY, due_at__lt=now).order_by("due_at", "pk")
    boxes = COORDINATOR_BOXES if coordinator else AGENCY_BOXES
    if box not in boxes:
        raise NotFound("Không có hộp phản ánh này.")
    return items.filter(boxes[box][1]).order_by("due_at", "pk")


def for_official(user: Any, code: str) -> FeedbackItem:
    item = (
        actors.visible_to_official(user)
        .select_related(*_RELATED, "dossier", "procedure", "handler")
        .filter(code=code)
        .first()
    )
    if item is None:
        raise NotFound("Không tìm thấy phản ánh.", code="feedback_not_found")
    return item


def history(item: FeedbackItem) -> QuerySet[FeedbackEvent]:
    return item.events.select_related("actor", "agency").order_by("occurred_at", "pk")


def actions_for(user: Any, item: FeedbackItem) -> list[str]:
    """The workflow actions this official may take on the item now (for the page's buttons)."""
    names = workflow.actions_from(item.status)
    return [
        name
        for name in names
        if workflow.ACTIONS[name].actor != workflow.CITIZEN
        and actors.may_act_as(user, workflow.ACTIONS[name].actor, item)
    ]


def requests_feed(
    *,
    codes: list[str] | None = None,
    service_codes: list[str] | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    statuses: list[str] | None = None,
    limit: int = 1000,
) -> list[FeedbackItem]:
    """Items another system may list (GeoReport v2): never staff-conduct items; each with ``updated``,
    the time of its last history row. ``codes`` overrides every other filter, as the specification says."""
    items = (
        FeedbackItem.objects.exclude(category__kind=CategoryKind.STAFF_CONDUCT)
        .select_related(*_RELATED)
        .annotate(updated=Max("events__occurred_at"))
    )
    if codes:
        return list(items.filter(code__in=[c.strip().upper() for c in codes])[:limit])
    if service_codes:
        items = items.filter(category__code__in=service_codes)
    if start is not None:
        items = items.filter(received_at__gte=start)
    if end is not None:
        items = items.filter(received_at__lte=end)
    if statuses is not None:
        items = items.filter(status__in=statuses)
    return list(items.order_by("-received_at", "-pk")[:limit])
