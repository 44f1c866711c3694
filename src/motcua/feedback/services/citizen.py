"""The citizen's side after the answer: rate it, or ask once for it to be looked at again.

The citizen proves who they are by the item's phone (or by being its signed-in author); an item merged into
another is rated and reopened through the surviving one (``selectors.followed``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction

from motcua.core.exceptions import DomainError, NotFound
from motcua.feedback.deadlines import answer_due
from motcua.feedback.models import FeedbackItem
from motcua.feedback.privacy import same_phone
from motcua.feedback.services.base import check, locked, move, now_or

MAX_REOPENS = 1


def _authorise(item: FeedbackItem, *, actor: Any, phone: str) -> None:
    author = item.citizen_id is not None and item.citizen_id == getattr(actor, "pk", None)
    followers = [item, *item.merged_items.all()]
    if not author and not any(same_phone(f.citizen_phone, phone) for f in followers if phone):
        raise NotFound("Không tìm thấy phản ánh với mã và số điện thoại đã nhập.", code="feedback_not_found")


def _within_period(item: FeedbackItem, now: datetime.datetime) -> None:
    assert item.answered_at is not None  # noqa: S101 - answered and closed items have their answer's time
    if now > item.answered_at + datetime.timedelta(days=settings.FEEDBACK_RESPONSE_DAYS):
        raise DomainError(
            f"Đã quá {settings.FEEDBACK_RESPONSE_DAYS} ngày kể từ khi trả lời.", code="response_period_over"
        )


@transaction.atomic
def rate(
    item: FeedbackItem,
    *,
    satisfied: bool,
    comment: str = "",
    actor: Any = None,
    phone: str = "",
    now: datetime.datetime | None = None,
) -> FeedbackItem:
    """Satisfied or not with the answer; the item is closed (it may still be reopened once)."""
    now = now_or(now)
    item = locked(item)
    _authorise(item, actor=actor, phone=phone)
    check("rate", item, actor=actor)
    _within_period(item, now)
    if len(comment) > 1000:
        raise DomainError(
            "Ý kiến tối đa 1000 ký tự.", code="invalid", fields={"comment": ["Ý kiến tối đa 1000 ký tự."]}
        )
    item.satisfied, item.rating_comment, item.rated_at, item.closed_at = satisfied, comment.strip(), now, now
    return move(
        item,
        "rate",
        actor=actor,
        now=now,
        data={"satisfied": satisfied},
        fields=("satisfied", "rating_comment", "rated_at", "closed_at"),
    )


@transaction.atomic
def reopen(
    item: FeedbackItem, *, reason: str, actor: Any = None, phone: str = "", now: datetime.datetime | None = None
) -> FeedbackItem:
    """Back to the agency's handler with a fresh deadline: once, within the response period."""
    now = now_or(now)
    item = locked(item)
    _authorise(item, actor=actor, phone=phone)
    check("reopen", item, actor=actor, reason=reason)
    _within_period(item, now)
    if item.reopened_count >= MAX_REOPENS:
        raise DomainError("Phản ánh chỉ được đề nghị xem xét lại một lần.", code="reopen_limit")
    item.reopened_count += 1
    item.due_at = answer_due(now, item.category.answer_days)
    item.closed_at = None
    return move(
        item,
        "reopen",
        actor=actor,
        now=now,
        note=reason.strip(),
        data={"previous_answer_at": item.answered_at.isoformat() if item.answered_at else None},
        fields=("reopened_count", "due_at", "closed_at"),
    )
