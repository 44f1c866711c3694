"""Sending notifications to applicants and officials, and keeping a log of what was sent.

Callers run these after their transaction commits (``transaction.on_commit``): a failing mail
server must never roll back a dossier action, so errors are recorded, not raised. A message that
could not be sent is tried again by the worker with a growing delay (``NOTIFICATION_RETRY_SECONDS``,
doubling) up to ``NOTIFICATION_MAX_ATTEMPTS``; then it is marked failed for an operator to see and
resend from the admin.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from motcua.notifications import delivery, tasks
from motcua.notifications.models import Notification


def notify(
    *,
    subject: str,
    body: str,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    sms_text: str = "",
    topic: str = "",
    reference: str = "",
) -> list[Notification]:
    """Send ``body`` by e-mail to ``emails`` and ``sms_text`` (or the subject) by SMS to ``phones``."""
    sent: list[Notification] = []
    for address in {e for e in emails if e}:
        sent.append(_deliver(Notification.Channel.EMAIL, address, subject, body, topic, reference))
    for phone in {p for p in phones if p}:
        sent.append(_deliver(Notification.Channel.SMS, phone, subject, sms_text or subject, topic, reference))
    return sent


def _deliver(channel: str, recipient: str, subject: str, body: str, topic: str, reference: str) -> Notification:
    row = Notification.objects.create(
        channel=channel,
        recipient=recipient,
        subject=subject[:300],
        body=body,
        topic=topic,
        reference=reference,
        sent_at=timezone.now(),
    )
    delivery.attempt(row)
    if row.status == Notification.Status.PENDING:
        tasks.schedule_retry(row)
    return row


@transaction.atomic
def resend(rows: Iterable[Notification]) -> list[Notification]:
    """An operator's resend of messages that were not sent: one attempt now each, final if it fails."""
    done = []
    for row in rows:
        locked = Notification.objects.select_for_update().get(pk=row.pk)
        if locked.status != Notification.Status.SENT:
            done.append(delivery.attempt(locked, retry=False))
    return done
