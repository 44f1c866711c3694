"""The write path of outgoing documents (văn bản đi, Decree 30/2020 Art. 10–18).

Drafted by a division with its attachments, reviewed by a head, approved and signed (PAdES, the signer's
own key, through ``motcua.signatures``) by the competent leader, numbered by the clerk in the agency's
outgoing register (``123/QĐ-UBND``, gap-free: ``records.services``), then issued: the agency's signature
is added and the document goes to the platform's agencies directly (their incoming queue) and to the
others as an edXML package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction

from motcua.accounts.models import User
from motcua.accounts.selectors import has_role
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.organisations.models import Agency
from motcua.records import actors, base, delivery, edxml, incoming, services, statuses
from motcua.records.models import (
    DeliveryStatus,
    Direction,
    IncomingStatus,
    OutgoingDocument,
    OutgoingStatus,
    Urgency,
)
from motcua.records.numbering import clean_notation
from motcua.signatures import keys, pades, selectors, tsa
from motcua.signatures import services as signing
from motcua.signatures.models import DocumentPurpose


@dataclass(frozen=True)
class Draft:
    document_type: str
    notation: str  # proposed, e.g. "QĐ-STP"; the clerk may correct it when numbering
    summary: str
    main: tuple[str, bytes]  # the text to sign, a PDF
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    urgency: str = Urgency.NORMAL
    internal_recipients: list[Agency] = field(default_factory=list)
    external_recipients: str = ""  # one per line: "identifier code; name"
    dossier_code: str = ""


def _notation(raw: str) -> str:
    cleaned = clean_notation(raw)
    if cleaned is None:
        message = "Ký hiệu gồm các chữ viết tắt nối bằng dấu gạch ngang, không dấu cách (ví dụ QĐ-UBND)."
        raise DomainError(message, code="invalid", fields={"notation": [message]})
    return cleaned


@transaction.atomic
def create_draft(unit: Agency, draft: Draft, *, actor: User, now: datetime) -> OutgoingDocument:
    """A division's official drafts a document of its agency (the division's parent, ``home_agency``)."""
    if not actors.may_draft(actor, unit):
        raise PermissionDenied("Bạn không có quyền soạn thảo văn bản của đơn vị này.")
    missing = [
        label
        for label, value in (("loại văn bản", draft.document_type), ("trích yếu", draft.summary))
        if not value.strip()
    ]
    if missing:
        raise DomainError(f"Cần nhập {', '.join(missing)}.", code="invalid")
    if not draft.main[1].startswith(b"%PDF"):
        raise DomainError("Văn bản chính phải là tệp PDF.", code="not_a_pdf", fields={"main": ["Cần tệp PDF."]})
    if not draft.internal_recipients and not draft.external_recipients.strip():
        raise DomainError(
            "Cần ít nhất một nơi nhận.", code="invalid", fields={"internal_recipients": ["Cần nơi nhận."]}
        )
    delivery.external_organs(draft.external_recipients)
    document = OutgoingDocument.objects.create(
        agency=actors.home_agency(unit),
        status=OutgoingStatus.DRAFT,
        document_type=draft.document_type.strip(),
        notation=_notation(draft.notation),
        summary=draft.summary.strip(),
        urgency=draft.urgency,
        drafter=actor,
        drafting_unit=unit,
        external_recipients=draft.external_recipients.strip(),
        created_at=now,
        dossier_code=draft.dossier_code.strip().upper(),
    )
    base.searchable(document)
    document.save(update_fields=["search_text"])
    document.internal_recipients.set(draft.internal_recipients)
    base.attach(document, draft.main[0], draft.main[1], now=now, main=True)
    for name, content in draft.attachments:
        base.attach(document, name, content, now=now)
    base.record(document, "draft", actor=actor, now=now)
    return document


def _main(document: OutgoingDocument) -> Any:
    main = document.files.filter(is_main=True).first()
    if main is None:
        raise DomainError("Văn bản chưa có tệp văn bản chính.", code="invalid")
    return main


def _replace_main(document: OutgoingDocument, content: bytes, name: str, *, now: datetime) -> None:
    """The signed text becomes the main file; the earlier version is kept, marked superseded."""
    base.attach(document, name, content, now=now, main=True)


def _review(document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    approver = data.get("approver")
    if approver is None or not has_role(approver, document.agency, *actors.LEADER_ROLES):
        message = "Cần chọn lãnh đạo cơ quan duyệt, ký văn bản."
        raise DomainError(message, code="invalid", fields={"approver": [message]})
    document.approver = approver


def _return(document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    if not str(data.get("reason") or "").strip():
        raise DomainError("Vui lòng nêu lý do.", code="invalid", fields={"reason": ["Vui lòng nêu lý do."]})


def _approve(document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    document.signer_title = str(data.get("signer_title") or "").strip()


def _sign(document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    key = selectors.official_key(actor)
    if key is None:
        raise DomainError("Bạn chưa có khóa ký số đang dùng; liên hệ quản trị để đăng ký khóa.", code="no_signing_key")
    main = _main(document)
    with main.file.open("rb") as handle:
        content = handle.read()
    request = pades.SignatureRequest(
        keys.signer_for(key), pades.Appearance.PERSON, actor.full_name, reason=f"Ký ban hành: {document.summary[:80]}"
    )
    signed = pades.sign_pdf(content, [request], now=now, location=settings.PROVINCE_NAME, timestamper=tsa.timestamper())
    stem = _main(document).name.rsplit(".", 1)[0]
    _replace_main(document, signed, f"{stem}-da-ky.pdf", now=now)


def _number(document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    notation = _notation(str(data.get("notation") or document.notation))
    document.notation = notation
    recipients = [a.name for a in document.internal_recipients.all()] + [
        o.name for o in delivery.external_organs(document.external_recipients)
    ]
    document.entry = services.issue_outgoing(
        base.register_of(document.agency, Direction.OUTGOING),
        services.DocumentData(
            document_type=document.document_type,
            document_date=now.astimezone(edxml.VIETNAM).date(),
            summary=document.summary,
            counterpart="; ".join(recipients),
            signer=document.approver.full_name if document.approver else "",
            urgency=document.urgency,
            pages=data.get("pages") or None,
        ),
        notation=notation,
        actor=actor,
        now=now,
    )


def _issue(document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    entry = document.entry
    assert entry is not None  # noqa: S101 - numbered before issue (the table)
    main = _main(document)
    with main.file.open("rb") as handle:
        content = handle.read()
    issued = signing.sign_issued(
        content,
        agency=document.agency,
        name=f"{entry.number_notation.replace('/', '-')}.pdf",
        purpose=DocumentPurpose.NOTICE,
        reference=entry.number_notation,
        now=now,
    )
    if issued is None:
        raise DomainError("Cơ quan chưa có khóa ký số: không phát hành được văn bản điện tử.", code="no_signing_key")
    _replace_main(document, issued.content, issued.document.name, now=now)
    document.signed_token = issued.document.token
    document.issued_at = now
    document.edxml_id = edxml.document_id(
        statuses.organ(document.agency).organ_id, entry.document_date, entry.number_notation
    )
    document.save()
    delivery.deliver(document, now=now)


def _recall(document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    reason = str(data.get("reason") or "").strip()
    if not reason:
        raise DomainError("Vui lòng nêu lý do.", code="invalid", fields={"reason": ["Vui lòng nêu lý do."]})
    for received in document.deliveries.exclude(status__in=[IncomingStatus.RECALLED, IncomingStatus.REFUSED]):
        incoming.recall(received, now=now, reason=reason)
    delivery.send_revocations(document, reason=reason, now=now)


def _link(document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any]) -> None:
    document.dossier_code = str(data.get("dossier_code") or "").strip().upper()


STEPS = {
    "submit": lambda document, **kw: None,
    "review": _review,
    "return": _return,
    "approve": _approve,
    "sign": _sign,
    "number": _number,
    "issue": _issue,
    "recall": _recall,
    "link_dossier": _link,
}


@transaction.atomic
def perform(
    action: str, document: OutgoingDocument, *, actor: User, now: datetime, data: dict[str, Any] | None = None
) -> OutgoingDocument:
    """Fire ``action`` of the outgoing table on ``document`` with its input."""
    data = data or {}
    document = base.locked(document)
    transition = base.check("outgoing", action, document, actor=actor)
    STEPS[action](document, actor=actor, now=now, data=data)
    if transition.target is not None:
        document.status = transition.target
    base.searchable(document)
    document.save()
    note = str(data.get("note") or data.get("reason") or "")
    extra = {"number_notation": document.entry.number_notation} if document.entry else {}
    if action == "review" and document.approver:
        extra["approver"] = document.approver.full_name
    base.record(document, f"out_{action}", actor=actor, now=now, note=note, data=extra)
    return document


def recipient_statuses(document: OutgoingDocument) -> list[DeliveryStatus]:
    return list(document.statuses.all())
