"""Sending notifications to applicants and officials, and keeping a log of what was sent.

Callers run these after their transaction commits (``transaction.on_commit``): a failing mail
server must never roll back a dossier action, so errors are logged and recorded, not raised.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from motcua.notifications.models import Notification
from motcua.notifications.sms import send_sms

logger = logging.getLogger("motcua.notifications")


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
    ok = False
    error = ""
    try:
        if channel == Notification.Channel.EMAIL:
            ok = send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]) > 0
        else:
            ok = send_sms(recipient, body)
    except Exception as exc:  # a provider failure must not break the caller
        logger.exception("Notification to %s failed", recipient)
        error = str(exc)[:500]
    return Notification.objects.create(
        channel=channel,
        recipient=recipient,
        subject=subject[:300],
        body=body,
        topic=topic,
        reference=reference,
        sent_at=timezone.now(),
        delivered=ok,
        error=error,
    )
