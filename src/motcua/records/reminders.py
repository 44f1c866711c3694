"""Reminders of incoming documents due within one working day (or overdue), once per direction: a
history row and an e-mail to the lead unit's officials, sent when the row commits."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import transaction

from motcua.accounts.models import User
from motcua.notifications.services import notify
from motcua.records import actors, incoming, selectors
from motcua.records.models import IncomingDocument


def _emails(document: IncomingDocument) -> list[str]:
    if document.lead_unit_id is None:
        return []
    officials = User.objects.filter(
        is_active=True,
        memberships__agency_id=document.lead_unit_id,
        memberships__role__in=actors.HANDLER_ROLES,
        memberships__is_active=True,
    ).exclude(email="")
    return sorted(set(officials.values_list("email", flat=True)))


def scan(now: datetime) -> int:
    """Remind every document not reminded since its direction; the number reminded."""
    reminded = 0
    for document in selectors.to_remind(now).select_related("lead_unit"):
        incoming.remind(document, now=now)
        due = document.due_at.astimezone(now.tzinfo).strftime("%H:%M %d/%m/%Y") if document.due_at else ""
        late = document.due_at is not None and document.due_at < now
        subject = f"{'Quá hạn' if late else 'Sắp đến hạn'} xử lý văn bản {document.number_notation}"
        body = f"Văn bản {document.number_notation} của {document.sender}: {document.summary}\nHạn xử lý: {due}."
        emails = _emails(document)
        transaction.on_commit(partial(notify, subject=subject, body=body, emails=emails, topic="document_deadline"))
        reminded += 1
    return reminded
