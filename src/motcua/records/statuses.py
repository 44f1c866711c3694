"""Telling a document's sender where it stands at the receiver (Decree 30 Art. 21, Appendix VI).

Inside the platform the sender's outgoing document shows each recipient's status at once; a document
that came as an edXML package is answered with an edXML status package, kept to be sent back over the
document axis (and downloadable from the document's page).
"""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile

from motcua.organisations.models import Agency
from motcua.records import edxml
from motcua.records.models import DeliveryStatus, ExchangePackage, IncomingDocument, Source


def organ(agency: Agency) -> edxml.Organ:
    return edxml.Organ(
        organ_id=agency.identifier_code or f"AGENCY-{agency.pk}",
        name=agency.name,
        address=agency.address,
        email=agency.email,
        phone=agency.phone,
    )


def notify_sender(document: IncomingDocument, code: str, *, now: datetime, description: str = "") -> None:
    text = description or edxml.STATUS_LABELS[code]
    if document.origin_id is not None:
        DeliveryStatus.objects.update_or_create(
            outgoing_id=document.origin_id,
            recipient=document.agency,
            defaults={
                "recipient_name": document.agency.name,
                "recipient_code": document.agency.identifier_code,
                "code": code,
                "description": text[:500],
                "updated_at": now,
            },
        )
    if document.source == Source.EDXML and document.edxml_id:
        package = edxml.StatusPackage(
            response_for=document.edxml_id,
            sender=organ(document.agency),
            recipient=edxml.Organ(organ_id=document.sender_code or "-", name=document.sender),
            code=code,
            timestamp=now,
            description=text,
        )
        content = edxml.build_status(package)
        ExchangePackage.objects.create(
            agency=document.agency,
            sent=True,
            kind="status",
            counterpart=document.sender,
            counterpart_code=document.sender_code,
            incoming=document,
            status_code=code,
            file=ContentFile(content, name=f"trang-thai-{code}.xml"),
            created_at=now,
        )
