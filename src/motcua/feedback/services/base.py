"""What every feedback service shares: the workflow check, the history row, the citizen's notices."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.exceptions import Conflict, DomainError, PermissionDenied
from motcua.feedback import actors, workflow
from motcua.feedback.models import FeedbackEvent, FeedbackItem
from motcua.notifications.services import notify


def now_or(now: datetime.datetime | None) -> datetime.datetime:
    return now if now is not None else timezone.now()


def locked(item: FeedbackItem) -> FeedbackItem:
    """The item re-read under a row lock, so two officials' actions never interleave."""
    # "of self": the agency joined for reading may be missing (an outer join), which PostgreSQL cannot lock.
    return (
        FeedbackItem.objects.select_for_update(of=("self",))
        .select_related("category", "handling_agency")
        .get(pk=item.pk)
    )


def check(action: str, item: FeedbackItem, *, actor: Any, reason: str = "") -> workflow.Transition:
    """Refuse the action unless the table allows it from the item's status, for this actor, with its reason."""
    transition = workflow.ACTIONS[action]
    if not workflow.allowed(action, item.status):
        raise Conflict(
            f"Không thể “{transition.label.lower()}” khi phản ánh đang ở trạng thái “{item.status_label}”.",
            code="invalid_transition",
        )
    # The citizen is checked by the citizen's services (phone or author); the system by being the scan.
    if transition.actor not in (workflow.CITIZEN, workflow.SYSTEM) and not actors.may_act_as(
        actor, transition.actor, item
    ):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với phản ánh.")
    if transition.needs_reason and not reason.strip():
        raise DomainError("Vui lòng nêu lý do.", code="invalid", fields={"reason": ["Vui lòng nêu lý do."]})
    return transition


def record(
    item: FeedbackItem,
    action: str,
    *,
    actor: Any,
    now: datetime.datetime,
    status_before: str,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> FeedbackEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return FeedbackEvent.objects.create(
        item=item,
        action=action,
        actor=user,
        agency=item.handling_agency,
        occurred_at=now,
        note=note,
        data=data or {},
        status_before=status_before,
        status_after=item.status,
    )


def move(
    item: FeedbackItem,
    action: str,
    *,
    actor: Any,
    now: datetime.datetime,
    note: str = "",
    data: dict[str, Any] | None = None,
    fields: tuple[str, ...] = (),
) -> FeedbackItem:
    """Apply the table's target status, save the named fields and write the history row."""
    before = item.status
    target = workflow.ACTIONS[action].target
    if target is not None:
        item.status = target
    item.save(update_fields=["status", *fields])
    record(item, action, actor=actor, now=now, status_before=before, note=note, data=data)
    return item


def tell_citizen(item: FeedbackItem, subject: str, body: str) -> None:
    """E-mail and SMS to the citizen once the change commits (never for anonymous items without contact)."""
    emails = [item.citizen_email] if item.citizen_email else []
    phones = [item.citizen_phone] if item.citizen_phone else []
    if not emails and not phones:
        return
    text = f"{subject} ({item.code})"
    transaction.on_commit(
        lambda: notify(
            subject=text, body=body, emails=emails, phones=phones, sms_text=text, topic="feedback", reference=item.code
        )
    )
