"""What the documents' services share: the registers of an agency, the clock, the history row, the files."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.files.base import ContentFile

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.core.text import fold
from motcua.organisations.models import Agency
from motcua.records import actors, workflow
from motcua.records.models import (
    Direction,
    DocumentEvent,
    DocumentFile,
    DocumentRegister,
    IncomingDocument,
    OutgoingDocument,
)
from motcua.workdays.clock import add_working_time
from motcua.workdays.selectors import get_calendar_covering

REGISTER_NAMES = {Direction.INCOMING: "Sổ đăng ký văn bản đến", Direction.OUTGOING: "Sổ đăng ký văn bản đi"}
MAX_FILE = 20 * 1024 * 1024


def searchable(document: IncomingDocument | OutgoingDocument) -> None:
    """Refresh the folded text the registers' search compares (``core.text.fold``)."""
    if isinstance(document, IncomingDocument):
        parts = [document.number_notation, document.sender, document.summary, document.document_type]
    else:
        number = document.entry.number_notation if document.entry else ""
        parts = [number, document.notation, document.summary, document.document_type]
    document.search_text = fold(" ".join(parts))


def register_of(agency: Agency, direction: str) -> DocumentRegister:
    """The agency's register of ``direction`` (its first one); made on first use, under the Decree's name."""
    existing = DocumentRegister.objects.filter(agency=agency, direction=direction).order_by("pk").first()
    if existing is not None:
        return existing
    register, _ = DocumentRegister.objects.get_or_create(
        agency=agency, name=REGISTER_NAMES[Direction(direction)], defaults={"direction": direction}
    )
    return register


def working_days_after(start: datetime, days: int) -> datetime:
    """``days`` working days of office time after ``start`` (holidays and office closures included)."""
    return add_working_time(get_calendar_covering(start.date()), start, days=days)


def end_of_working_day(day: date) -> datetime:
    return get_calendar_covering(day).closing_of(day)


def record(
    document: IncomingDocument | OutgoingDocument,
    action: str,
    *,
    actor: User | None,
    now: datetime,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> DocumentEvent:
    link = {"incoming": document} if isinstance(document, IncomingDocument) else {"outgoing": document}
    return DocumentEvent.objects.create(
        action=action, actor=actor, occurred_at=now, note=note, data={"status": document.status, **(data or {})}, **link
    )


def check(
    kind: str, action: str, document: IncomingDocument | OutgoingDocument, *, actor: User | None
) -> workflow.Transition:
    """The table's check, then the actor's: the single enforcement point of both workflows."""
    transition = workflow.check(kind, action, document.status, document.get_status_display())
    if transition.actor != workflow.SYSTEM and not actors.may_act(actor, transition.actor, document):
        raise PermissionDenied(f"Bạn không có quyền “{transition.label.lower()}” đối với văn bản này.")
    return transition


def locked(document: Any) -> Any:
    return type(document).objects.select_for_update(of=("self",)).get(pk=document.pk)


def attach(
    document: IncomingDocument | OutgoingDocument, name: str, content: bytes, *, now: datetime, main: bool = False
) -> DocumentFile:
    if len(content) > MAX_FILE:
        raise DomainError("Tệp vượt quá 20 MB.", code="file_too_large")
    link = {"incoming": document} if isinstance(document, IncomingDocument) else {"outgoing": document}
    if main:
        document.files.filter(is_main=True).update(is_main=False, superseded=True)
    return DocumentFile.objects.create(
        name=name[:255], file=ContentFile(content, name=name[:100]), is_main=main, uploaded_at=now, **link
    )
