"""The write path of the registers: issuing an outgoing document's number, registering an incoming one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.records.models import Direction, DocumentRegister, RecordEvent, RegisteredDocument, RegisterYear, Urgency
from motcua.records.numbering import clean_notation, number_and_notation
from motcua.workdays.constants import VIETNAM_TZ


class DuplicateDocument(DomainError):
    """Appendix VI: warn on the same (number and notation, sender) registered before."""

    code = "duplicate_document"
    status = 409


@dataclass(frozen=True)
class DocumentData:
    document_type: str
    document_date: date
    summary: str
    counterpart: str  # the sender of an incoming document, the recipients of an outgoing one
    signer: str = ""
    urgency: str = Urgency.NORMAL
    pages: int | None = None
    electronic: bool = True


def _require(register: DocumentRegister, direction: str, data: DocumentData) -> None:
    if register.direction != direction:
        raise DomainError(f"Sổ “{register.name}” không phải sổ {Direction(direction).label.lower()}.", code="invalid")
    missing = [
        label
        for label, value in (
            ("trích yếu", data.summary),
            ("loại văn bản", data.document_type),
            ("nơi gửi/nơi nhận", data.counterpart),
        )
        if not value.strip()
    ]
    if missing:
        raise DomainError(f"Cần nhập {', '.join(missing)}.", code="invalid")
    if data.urgency not in Urgency.values:
        raise DomainError("Độ khẩn không hợp lệ.", code="invalid")


def next_number(register: DocumentRegister, year: int) -> int:
    """The register's next number in ``year`` (01 on 1 January): the year's row is locked until commit."""
    RegisterYear.objects.get_or_create(register=register, year=year)
    counter = RegisterYear.objects.select_for_update().get(register=register, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _write(
    register: DocumentRegister,
    data: DocumentData,
    *,
    number_notation: str,
    number: int,
    year: int,
    actor: User | None,
    now: datetime,
) -> RegisteredDocument:
    document = RegisteredDocument.objects.create(
        register=register,
        year=year,
        number=number,
        registered_at=now,
        number_notation=number_notation,
        document_type=data.document_type.strip(),
        document_date=data.document_date,
        summary=data.summary.strip(),
        counterpart=data.counterpart.strip(),
        signer=data.signer.strip(),
        urgency=data.urgency,
        pages=data.pages,
        electronic=data.electronic,
    )
    RecordEvent.objects.create(
        document=document,
        action=f"registered_{register.direction}",
        actor=actor,
        occurred_at=now,
        data={"number": number, "number_notation": number_notation},
    )
    return document


@transaction.atomic
def issue_outgoing(
    register: DocumentRegister, data: DocumentData, *, notation: str, actor: User | None, now: datetime
) -> RegisteredDocument:
    """Number an outgoing document in ``register`` (Art. 15): ``05/QĐ-UBND``, the next number of the year."""
    _require(register, Direction.OUTGOING, data)
    cleaned = clean_notation(notation)
    if cleaned is None:
        message = "Ký hiệu gồm các chữ viết tắt nối bằng dấu gạch ngang, không dấu cách (ví dụ QĐ-UBND)."
        raise DomainError(message, code="invalid", fields={"notation": [message]})
    year = now.astimezone(VIETNAM_TZ).year
    number = next_number(register, year)
    return _write(
        register,
        data,
        number_notation=number_and_notation(number, cleaned),
        number=number,
        year=year,
        actor=actor,
        now=now,
    )


@transaction.atomic
def register_incoming(
    register: DocumentRegister,
    data: DocumentData,
    *,
    number_notation: str,
    actor: User | None,
    now: datetime,
    accept_duplicate: bool = False,
) -> RegisteredDocument:
    """Enter a received document in ``register`` (Art. 22): the next incoming number of the year.

    The same sender's number and notation registered before is refused unless ``accept_duplicate``.
    """
    _require(register, Direction.INCOMING, data)
    number_notation = number_notation.strip()
    if not number_notation:
        raise DomainError("Cần nhập số, ký hiệu của văn bản đến.", code="invalid")
    seen = RegisteredDocument.objects.filter(
        register__agency_id=register.agency_id,
        register__direction=Direction.INCOMING,
        number_notation=number_notation,
        counterpart=data.counterpart.strip(),
    ).first()
    if seen is not None and not accept_duplicate:
        raise DuplicateDocument(
            f"Văn bản {number_notation} của {seen.counterpart} đã được vào sổ (số đến {seen.number}/{seen.year})."
        )
    year = now.astimezone(VIETNAM_TZ).year
    number = next_number(register, year)
    return _write(register, data, number_notation=number_notation, number=number, year=year, actor=actor, now=now)
