"""Sending an issued document: to the platform's agencies directly, to the others as edXML packages;
reading packages that arrive (a document into the incoming queue, a status onto the outgoing document)."""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.organisations.models import Agency
from motcua.records import actors, base, edxml, incoming, statuses
from motcua.records.models import (
    DeliveryStatus,
    ExchangePackage,
    IncomingDocument,
    OutgoingDocument,
    Source,
    Urgency,
)

PRIORITY = {Urgency.NORMAL: 0, Urgency.URGENT: 1, Urgency.VERY_URGENT: 2, Urgency.FLASH: 3}  # edXML OtherInfo/Priority
URGENCY_OF = {value: key for key, value in PRIORITY.items()}


def _files(document: OutgoingDocument) -> list[tuple[str, bytes]]:
    """The issued text first, then the attachments (earlier versions of the text are never sent)."""
    rows = []
    for row in document.files.filter(superseded=False).order_by("-is_main", "pk"):
        with row.file.open("rb") as handle:
            rows.append((row.name, handle.read()))
    return rows


def external_organs(text: str) -> list[edxml.Organ]:
    organs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        code, _, name = line.partition(";")
        if not name.strip():
            message = f"Nơi nhận “{line.strip()}”: ghi “mã định danh; tên cơ quan”."
            raise DomainError(message, code="invalid", fields={"external_recipients": [message]})
        organs.append(edxml.Organ(organ_id=code.strip()[: edxml.MAX_ORGAN_ID], name=name.strip()))
    return organs


def package_of(
    document: OutgoingDocument, *, now: datetime, business_type: int = edxml.NEW, reason: str = ""
) -> edxml.DocumentPackage:
    entry = document.entry
    if entry is None:
        raise DomainError("Văn bản chưa được cấp số.", code="invalid")
    number, _, notation = entry.number_notation.partition("/")
    organs = [statuses.organ(a) for a in document.internal_recipients.all()]
    organs += incoming_organs(document)
    return edxml.DocumentPackage(
        sender=statuses.organ(document.agency),
        recipients=tuple(organs),
        number=number,
        notation=notation,
        place=document.agency.administrative_unit.name if document.agency.administrative_unit_id else "",
        promulgation_date=entry.document_date,
        type_name=document.document_type,
        subject=document.summary,
        signer_name=document.approver.full_name if document.approver else "",
        signer_position=document.signer_title,
        priority=PRIORITY.get(Urgency(document.urgency), 0),
        pages=entry.pages,
        business_type=business_type,
        reason=reason,
        attachments=tuple(edxml.Attachment(name, content) for name, content in _files(document)),
        sent_at=document.issued_at or now,
    )


def incoming_organs(document: OutgoingDocument) -> list[edxml.Organ]:
    """The recipients outside the platform, as edXML organs."""
    return external_organs(document.external_recipients)


def export(document: OutgoingDocument, *, now: datetime) -> bytes:
    """The issued document as an edXML package (attachments and signatures included)."""
    return edxml.build_document(package_of(document, now=now))


def _incoming_data(package: edxml.DocumentPackage) -> incoming.IncomingData:
    return incoming.IncomingData(
        sender=package.sender.name,
        sender_code=package.sender.organ_id,
        number_notation=f"{package.number}/{package.notation}",
        document_type=package.type_name,
        document_date=package.promulgation_date,
        summary=package.subject,
        signer=package.signer_name,
        urgency=URGENCY_OF.get(package.priority, Urgency.NORMAL),
        pages=package.pages,
        files=[(a.name, a.content) for a in package.attachments],
    )


def deliver(document: OutgoingDocument, *, now: datetime) -> None:
    """Internal recipients: the document waits in their incoming queue. External: an edXML package each."""
    package = package_of(document, now=now)
    data = _incoming_data(package)
    for agency in document.internal_recipients.all():
        incoming.arrive(agency, data, source=Source.INTERNAL, now=now, origin=document, edxml_id=document.edxml_id)
    content = edxml.build_document(package)
    for organ in incoming_organs(document):
        _keep(document.agency, "document", organ, content, now=now, outgoing=document)
        DeliveryStatus.objects.update_or_create(
            outgoing=document,
            recipient_code=organ.organ_id,
            recipient=None,
            defaults={
                "recipient_name": organ.name,
                "code": "",
                "description": "Đã gửi gói tin edXML",
                "updated_at": now,
            },
        )
    base.record(document, "deliver", actor=None, now=now, data={"recipients": [o.name for o in package.recipients]})


def send_revocations(document: OutgoingDocument, *, reason: str, now: datetime) -> None:
    organs = incoming_organs(document)
    if not organs:
        return
    content = edxml.build_document(package_of(document, now=now, business_type=edxml.REVOKE, reason=reason))
    for organ in organs:
        _keep(document.agency, "document", organ, content, now=now, outgoing=document)


def _keep(
    agency: Agency,
    kind: str,
    organ: edxml.Organ,
    content: bytes,
    *,
    now: datetime,
    sent: bool = True,
    outgoing: OutgoingDocument | None = None,
    incoming_document: IncomingDocument | None = None,
    status_code: str = "",
) -> ExchangePackage:
    return ExchangePackage.objects.create(
        agency=agency,
        sent=sent,
        kind=kind,
        counterpart=organ.name[:300],
        counterpart_code=organ.organ_id,
        outgoing=outgoing,
        incoming=incoming_document,
        status_code=status_code,
        file=ContentFile(content, name=f"{kind}.xml"),
        created_at=now,
    )


@transaction.atomic
def receive_package(
    agency: Agency, content: bytes, *, actor: User | None, now: datetime
) -> IncomingDocument | DeliveryStatus:
    """A package that came over the axis (or was uploaded by the clerk): a document joins the incoming
    queue (a revocation recalls the one received before); a status updates our outgoing document."""
    if actor is not None and not actors.may_register(actor, agency):
        raise PermissionDenied("Chỉ văn thư của cơ quan được nhận gói tin edXML.")
    if edxml.kind_of(content) == "status":
        return _receive_status(agency, edxml.parse_status(content), content, now=now)
    package = edxml.parse_document(content)
    earlier = IncomingDocument.objects.filter(agency=agency, edxml_id=package.document_id).exclude(status="recalled")
    if package.business_type == edxml.REVOKE:
        found = earlier.first()
        if found is None:
            raise DomainError("Không tìm thấy văn bản được thu hồi.", code="not_found")
        _keep(agency, "document", package.sender, content, now=now, sent=False, incoming_document=found)
        return incoming.recall(found, now=now, reason=package.reason)
    if earlier.exists():
        raise DomainError(f"Gói tin văn bản {package.document_id} đã được nhận.", code="duplicate_document")
    document = incoming.arrive(
        agency, _incoming_data(package), source=Source.EDXML, now=now, edxml_id=package.document_id
    )
    _keep(agency, "document", package.sender, content, now=now, sent=False, incoming_document=document)
    return document


def _receive_status(agency: Agency, status: edxml.StatusPackage, content: bytes, *, now: datetime) -> DeliveryStatus:
    document = OutgoingDocument.objects.filter(agency=agency, edxml_id=status.response_for).first()
    if document is None:
        raise DomainError(f"Không có văn bản đi {status.response_for} của cơ quan.", code="not_found")
    row, _ = DeliveryStatus.objects.update_or_create(
        outgoing=document,
        recipient_code=status.sender.organ_id,
        recipient=None,
        defaults={
            "recipient_name": status.sender.name,
            "code": status.code,
            "description": (status.description or edxml.STATUS_LABELS[status.code])[:500],
            "updated_at": status.timestamp,
        },
    )
    _keep(agency, "status", status.sender, content, now=now, sent=False, outgoing=document, status_code=status.code)
    base.record(
        document,
        "status",
        actor=None,
        now=now,
        note=row.description,
        data={"from": status.sender.name, "code": status.code},
    )
    return row
