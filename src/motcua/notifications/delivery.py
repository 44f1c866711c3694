"""One attempt at sending a logged notification, and what it means for the next one.

Kept apart from ``services`` (which creates the rows and schedules retries) and ``tasks`` (the
worker's retry), so that neither needs to import the other.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from motcua.notifications.models import Notification
from motcua.notifications.sms import send_sms

logger = logging.getLogger("motcua.notifications")


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: the base delay after the first failure, doubling after each further one."""
    return timedelta(seconds=settings.NOTIFICATION_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def attempt(row: Notification, *, now: datetime | None = None, retry: bool = True) -> Notification:
    """Try to send ``row`` once and record the outcome; without ``retry`` a failure is final."""
    moment = now or timezone.now()
    ok, error = False, ""
    try:
        if row.channel == Notification.Channel.EMAIL:
            ok = send_mail(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient]) > 0
        else:
            ok = send_sms(row.recipient, row.body)
        if not ok:
            error = "Nhà cung cấp không nhận thông báo."
    except Exception as exc:  # a provider failure must not break the caller: it is recorded and retried
        logger.warning("Notification %s failed: %s", row.pk, exc)
        error = str(exc)[:500] or type(exc).__name__
    row.attempts += 1
    row.last_attempt_at = moment
    row.error = error
    row.next_attempt_at = None
    if ok:
        row.status = Notification.Status.SENT
        row.sent_at = moment
    elif retry and row.attempts < settings.NOTIFICATION_MAX_ATTEMPTS:
        row.status = Notification.Status.PENDING
        row.next_attempt_at = moment + retry_delay(row.attempts)
    else:
        row.status = Notification.Status.FAILED
        logger.error("Notification %s given up after %s attempts", row.pk, row.attempts)
    row.save(update_fields=["attempts", "last_attempt_at", "error", "next_attempt_at", "status", "sent_at"])
    return row
