"""The write path of the signatures context: registering keys, signing the documents the platform issues."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.organisations.models import Agency
from motcua.signatures import keys, ltv, pades, selectors, tsa
from motcua.signatures.models import KeyKind, SignedDocument, SigningEvent, SigningKey


@dataclass(frozen=True)
class KeySpec:
    """Where a key is: a PKCS#12 file under SIGNATURE_KEY_DIR, or a label on a PKCS#11 token."""

    kind: str
    label: str
    file_name: str = ""
    secret_variable: str = ""
    pkcs11_module: str = ""
    token_label: str = ""
    key_label: str = ""


@transaction.atomic
def register_key(
    spec: KeySpec, *, agency: Agency | None = None, user: User | None = None, actor: User | None, now: datetime
) -> SigningKey:
    """Make ``spec`` the active key of the agency or the official; the one it replaces is retired.

    The key is opened once (its passphrase or PIN must work) to read its certificate.
    """
    if (agency is None) == (user is None):
        raise DomainError("Khóa ký thuộc về một cơ quan hoặc một cán bộ.", code="invalid")
    if spec.kind not in KeyKind.values:
        raise DomainError("Loại khóa không hợp lệ.", code="invalid", fields={"kind": ["Loại khóa không hợp lệ."]})
    key = SigningKey(agency=agency, user=user, created_at=now, **spec.__dict__)
    with keys.signer_for(key).session() as signer:
        certificate = signer.signing_cert
    if certificate is None:
        raise DomainError("Khóa ký không kèm chứng thư số.", code="invalid")
    if certificate.not_valid_after < now:
        expired = certificate.not_valid_after.strftime("%d/%m/%Y")
        raise DomainError(f"Chứng thư số của khóa đã hết hạn ngày {expired}.", code="invalid_key")
    key.certificate_subject = certificate.subject.human_friendly[:500]
    key.certificate_not_after = certificate.not_valid_after
    for old in SigningKey.objects.select_for_update().filter(agency=agency, user=user, is_active=True):
        old.is_active = False
        old.save(update_fields=["is_active"])
        _record(old, "retired", actor=actor, now=now)
    key.save()
    _record(key, "registered", actor=actor, now=now, data={"subject": key.certificate_subject})
    return key


def _record(
    key: SigningKey, action: str, *, actor: User | None, now: datetime, data: dict[str, Any] | None = None
) -> None:
    SigningEvent.objects.create(key=key, action=action, actor=actor, occurred_at=now, data=data or {})


def verification_url(token: str) -> str:
    """The public page a signed document's QR code leads to (the portal serves it)."""
    return f"{settings.SITE_URL.rstrip('/')}/xac-thuc-van-ban/{token}/"


@dataclass(frozen=True)
class Issued:
    content: bytes
    document: SignedDocument


@dataclass(frozen=True)
class Boxes:
    """Where the document reserved room for the signatures; None: the default place (pades)."""

    person: pades.Box | None = None
    agency: pades.Box | None = None


@transaction.atomic
def sign_issued(
    content: bytes,
    *,
    agency: Agency,
    name: str,
    purpose: str,
    reference: str,
    now: datetime,
    person: User | None = None,
    boxes: Boxes | None = None,
) -> Issued | None:
    """Sign a document the agency issues; None when the agency has no key (the document stays unsigned).

    The person (the official who decided) signs first when they have a key of their own, over their name;
    then the agency, with the QR code of the document's verification page. The signed copy is kept for
    that page.
    """
    agency_key = selectors.agency_key(agency)
    if agency_key is None:
        return None
    boxes = boxes or Boxes()
    token = secrets.token_urlsafe(24)
    requests = []
    person_key = selectors.official_key(person) if person is not None else None
    if person is not None and person_key is not None:
        requests.append(
            pades.SignatureRequest(
                keys.signer_for(person_key), pades.Appearance.PERSON, person.full_name, box=boxes.person
            )
        )
    requests.append(
        pades.SignatureRequest(
            keys.signer_for(agency_key),
            pades.Appearance.AGENCY,
            agency.name,
            box=boxes.agency,
            reference=reference,
            verify_url=verification_url(token),
        )
    )
    signed = pades.sign_pdf(
        content,
        requests,
        now=now,
        location=settings.PROVINCE_NAME,
        timestamper=tsa.timestamper(),
        validation=ltv.validation_context(),
    )
    document = SignedDocument.objects.create(
        token=token,
        name=name,
        file=ContentFile(signed, name=name),
        size=len(signed),
        sha256=hashlib.sha256(signed).hexdigest(),
        agency=agency,
        purpose=purpose,
        reference=reference,
        signed_at=now,
    )
    for used in (person_key, agency_key):
        if used is not None:
            _record(used, "signed", actor=person, now=now, data={"document": document.pk, "name": name})
    return Issued(signed, document)
