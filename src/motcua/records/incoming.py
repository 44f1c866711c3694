"""The write path of incoming documents (văn bản đến, Decree 30/2020 Art. 20–24).

A document arrives in the agency's queue (delivered by another agency of the platform, or imported from
an edXML package) and the clerk registers or refuses it; a paper or uploaded one is received and
registered at once. The leader directs it (bút phê); the lead unit notes its progress and completes it.
Every step tells the sender where its document stands (``statuses.notify_sender``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.organisations.models import Agency
from motcua.records import actors, base, services, statuses
from motcua.records.models import Direction, IncomingDocument, IncomingStatus, OutgoingDocument, Source, Urgency

# Art. 22: presented to the leader the day it is received, at the latest the next working day.
PRESENT_WITHIN_DAYS = 1


@dataclass(frozen=True)
class IncomingData:
    sender: str
    number_notation: str
    document_type: str
    document_date: date
    summary: str
    signer: str = ""
    urgency: str = Urgency.NORMAL
    pages: int | None = None
    sender_code: str = ""
    dossier_code: str = ""
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (name, content), the first is the main one


def _entry(document: IncomingDocument, *, actor: User | None, now: datetime, accept_duplicate: bool) -> None:
    document.entry = services.register_incoming(
        base.register_of(document.agency, Direction.INCOMING),
        services.DocumentData(
            document_type=document.document_type,
            document_date=document.document_date,
            summary=document.summary,
            counterpart=document.sender,
            signer=document.signer,
            urgency=document.urgency,
            pages=document.pages,
            electronic=document.source != Source.PAPER,
        ),
        number_notation=document.number_notation,
        actor=actor,
        now=now,
        accept_duplicate=accept_duplicate,
    )
    urgent = document.urgency != Urgency.NORMAL
    document.present_by = now if urgent else base.working_days_after(now, PRESENT_WITHIN_DAYS)


def _new(
    agency: Agency, data: IncomingData, *, source: str, status: str, now: datetime, **extra: Any
) -> IncomingDocument:
    if source == Source.PAPER and not data.files:
        raise DomainError("Văn bản giấy cần tệp bản quét.", code="invalid", fields={"files": ["Cần tệp bản quét."]})
    document = IncomingDocument.objects.create(
        agency=agency,
        status=status,
        source=source,
        received_at=now,
        sender=data.sender.strip(),
        sender_code=data.sender_code.strip(),
        number_notation=data.number_notation.strip(),
        document_type=data.document_type.strip(),
        document_date=data.document_date,
        summary=data.summary.strip(),
        signer=data.signer.strip(),
        urgency=data.urgency,
        pages=data.pages,
        dossier_code=data.dossier_code.strip().upper(),
        **extra,
    )
    base.searchable(document)
    document.save(update_fields=["search_text"])
    for number, (name, content) in enumerate(data.files):
        base.attach(document, name, content, now=now, main=number == 0)
    return document


@transaction.atomic
def receive(
    agency: Agency, data: IncomingData, *, source: str, actor: User, now: datetime, accept_duplicate: bool = False
) -> IncomingDocument:
    """The clerk registers a paper (scanned) or uploaded document at once, with all the Decree's fields."""
    if not actors.may_register(actor, agency):
        raise PermissionDenied("Chỉ văn thư của cơ quan được vào sổ văn bản đến.")
    if source not in (Source.PAPER, Source.UPLOAD):
        raise DomainError("Hình thức nhận không hợp lệ.", code="invalid")
    document = _new(agency, data, source=source, status=IncomingStatus.REGISTERED, now=now)
    _entry(document, actor=actor, now=now, accept_duplicate=accept_duplicate)
    document.save()
    base.record(document, "receive", actor=actor, now=now, data={"number": document.entry.number})  # type: ignore[union-attr]
    return document


@transaction.atomic
def arrive(
    agency: Agency,
    data: IncomingData,
    *,
    source: str,
    now: datetime,
    origin: OutgoingDocument | None = None,
    edxml_id: str = "",
) -> IncomingDocument:
    """A document delivered by another agency or imported from edXML waits in the queue; the sender is told."""
    document = _new(
        agency, data, source=source, status=IncomingStatus.ARRIVED, now=now, origin=origin, edxml_id=edxml_id
    )
    base.record(document, "arrive", actor=None, now=now)
    statuses.notify_sender(document, "01", now=now)
    return document


def _register(document: IncomingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    if data.get("pages"):
        document.pages = data["pages"]
    _entry(document, actor=actor, now=now, accept_duplicate=bool(data.get("accept_duplicate")))


def _refuse(document: IncomingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    reason = str(data.get("reason") or "").strip()
    if not reason:
        raise DomainError("Vui lòng nêu lý do.", code="invalid", fields={"reason": ["Vui lòng nêu lý do."]})
    document.reason = reason


def _direct(document: IncomingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    lead = data.get("lead_unit")
    if lead is None:
        raise DomainError(
            "Cần chọn đơn vị chủ trì.", code="invalid", fields={"lead_unit": ["Cần chọn đơn vị chủ trì."]}
        )
    days, due_date = data.get("due_days"), data.get("due_date")
    if due_date:
        if due_date < now.date():
            raise DomainError("Hạn xử lý đã qua.", code="invalid", fields={"due_date": ["Hạn xử lý đã qua."]})
        document.due_at = base.end_of_working_day(due_date)
    elif days:
        document.due_at = base.working_days_after(now, int(days))
    else:
        message = "Cần cho hạn xử lý: số ngày làm việc hoặc ngày cụ thể."
        raise DomainError(message, code="invalid", fields={"due_days": [message]})
    document.lead_unit = lead
    document.direction_note = str(data.get("note") or "").strip()
    document.directed_by = actor
    document.reminded_at = None
    document.save()
    document.coordinating_units.set([u for u in data.get("coordinating_units") or [] if u.pk != lead.pk])


def _progress(document: IncomingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    if not str(data.get("note") or "").strip():
        raise DomainError("Cần ghi nội dung tiến độ.", code="invalid", fields={"note": ["Cần ghi nội dung tiến độ."]})


def _complete(document: IncomingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    result = str(data.get("result") or "").strip()
    if not result:
        raise DomainError("Cần ghi kết quả xử lý.", code="invalid", fields={"result": ["Cần ghi kết quả xử lý."]})
    document.result = result
    document.completed_at = now


def _link(document: IncomingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    document.dossier_code = str(data.get("dossier_code") or "").strip().upper()


STEPS = {
    "register": (_register, "03"),
    "refuse": (_refuse, "02"),
    "direct": (_direct, "04"),
    "progress": (_progress, "05"),
    "complete": (_complete, "06"),
    "link_dossier": (_link, ""),
}


@transaction.atomic
def perform(
    action: str, document: IncomingDocument, *, actor: User, now: datetime, data: dict[str, Any] | None = None
) -> IncomingDocument:
    """Fire ``action`` of the incoming table on ``document`` with its input."""
    data = data or {}
    document = base.locked(document)
    transition = base.check("incoming", action, document, actor=actor)
    if action not in STEPS:
        raise PermissionDenied("Thao tác này không do cán bộ thực hiện.")
    step, status_code = STEPS[action]
    step(document, actor=actor, now=now, data=data)
    if transition.target is not None:
        document.status = transition.target
    document.save()
    note = str(data.get("note") or data.get("reason") or data.get("result") or "")
    base.record(document, f"in_{action}", actor=actor, now=now, note=note, data=_summary(action, document))
    if status_code:
        statuses.notify_sender(document, status_code, now=now, description=note)
    return document


def _summary(action: str, document: IncomingDocument) -> dict[str, Any]:
    if action == "register" and document.entry is not None:
        return {"number": document.entry.number}
    if action == "direct":
        return {
            "lead_unit": document.lead_unit.name if document.lead_unit else "",
            "coordinating_units": [u.name for u in document.coordinating_units.all()],
            "due_at": document.due_at.isoformat() if document.due_at else "",
        }
    if action == "link_dossier":
        return {"dossier_code": document.dossier_code}
    return {}


@transaction.atomic
def recall(document: IncomingDocument, *, now: datetime, reason: str = "") -> IncomingDocument:
    """The sender recalled its document (Art. 18): gone from the lists, the sender told (15: recall accepted)."""
    document = base.locked(document)
    base.check("incoming", "recall", document, actor=None)
    document.status = IncomingStatus.RECALLED
    document.save(update_fields=["status"])
    base.record(document, "in_recall", actor=None, now=now, note=reason)
    statuses.notify_sender(document, "15", now=now, description=reason)
    return document


@transaction.atomic
def remind(document: IncomingDocument, *, now: datetime) -> None:
    """The reminder scan: one history row (and the lead unit's notice) per direction given."""
    document = base.locked(document)
    document.reminded_at = now
    document.save(update_fields=["reminded_at"])
    base.record(
        document, "remind", actor=None, now=now, data={"due_at": document.due_at.isoformat() if document.due_at else ""}
    )
