"""The write path of the outbox: queue a message with the change that causes it; replay a dead one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.outbox.constants import State
from motcua.outbox.models import Message


def enqueue(
    destination: str,
    key: str,
    payload: dict[str, Any],
    *,
    stream: str,
    kind: str,
    subject: str = "",
    now: datetime | None = None,
) -> Message:
    """Write a message for ``destination`` in the caller's transaction: it exists if and only if the
    change that causes it commits. ``key`` is sent as the Idempotency-Key header and is unique per
    destination; messages of one ``stream`` are delivered in the order they were written."""
    moment = now or timezone.now()
    return Message.objects.create(
        destination=destination,
        idempotency_key=key,
        stream=stream,
        kind=kind,
        subject=subject[:120],
        payload=payload,
        created_at=moment,
        next_attempt_at=moment,
    )


def may_manage(user: Any) -> bool:
    """Who may inspect and replay messages: the system's IT administrators (messages carry personal data
    of any agency's applicants)."""
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


@transaction.atomic
def replay(message: Message | int, *, actor: Any, now: datetime | None = None) -> Message:
    """Send a dead message again from its first attempt; the later messages of its stream follow it."""
    if not may_manage(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống được gửi lại thông điệp.")
    pk = message.pk if isinstance(message, Message) else message
    locked = Message.objects.select_for_update().get(pk=pk)
    if locked.state != State.DEAD:
        raise DomainError("Chỉ gửi lại được thông điệp đã dừng gửi.", code="not_dead")
    moment = now or timezone.now()
    locked.state = State.PENDING
    locked.attempts = 0
    locked.next_attempt_at = moment
    locked.claimed_until = None
    locked.claimed_by = ""
    locked.dead_at = None
    locked.replay_count += 1
    locked.replayed_at = moment
    locked.replayed_by = actor
    locked.save()
    return locked


def prune_delivered(*, older_than: datetime, limit: int = 10_000) -> int:
    """Delete up to ``limit`` messages delivered before ``older_than`` (their attempts go with them);
    the number deleted. Dead and pending messages are kept whatever their age."""
    old = Message.objects.filter(state=State.DELIVERED, delivered_at__lt=older_than).order_by("pk")
    ids = list(old.values_list("pk", flat=True)[:limit])
    Message.objects.filter(pk__in=ids).delete()
    return len(ids)
