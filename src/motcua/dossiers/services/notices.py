"""Documents the engine issues and keeps as dossier files, signed by the issuing agency when it has a key.

The numbered forms (01–06) are rendered on demand from the dossier's data. A refusal notice is
the dossier's result (regulations §2 item 14): it is rendered once, when the refusal is decided,
and stored, so the applicant and the officials download the very document that was issued.

Signing (docs/signatures.md): an agency with a signing key signs what it issues (PAdES, its visible
signature at the top right of page 1 with a QR code to the public verification page); the deciding
official adds their own signature first when they have a key. An agency without a key issues the
document unsigned, as before. A key that cannot be opened (a missing file, a wrong passphrase) does not
stop the dossier: the document is kept unsigned and the error is logged for the administrators.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierFile, FilePurpose
from motcua.organisations.models import Agency
from motcua.signatures import services as signing
from motcua.signatures.models import DocumentPurpose
from motcua.signatures.pades import NotAPdf
from motcua.signatures.signers import SigningUnavailable

logger = logging.getLogger(__name__)

# Renders a refusal notice: (dossier, signer's full name, moment of issue) -> PDF bytes and the box
# reserved over the signer's name.
RefusalRenderer = Callable[..., tuple[bytes, signing.Boxes]]

# The documents context renders notices and sits above dossiers (it reads them): it provides its
# renderer when the apps are ready, so the engine depends on the port, not on the documents app.
_refusal_renderer: list[RefusalRenderer] = []

# What a dossier file is, as the register of signed documents counts it (results count for Decision 766).
SIGNED_PURPOSE: dict[str, str] = {
    FilePurpose.RESULT: DocumentPurpose.RESULT,
    FilePurpose.RECEIPT: DocumentPurpose.RECEIPT,
}


def provide_refusal_renderer(renderer: RefusalRenderer) -> None:
    _refusal_renderer[:] = [renderer]


def _render_refusal(dossier: Dossier, *, signer: str, issued_at: datetime) -> tuple[bytes, signing.Boxes]:
    if not _refusal_renderer:
        raise ImproperlyConfigured("No refusal notice renderer: is motcua.documents in INSTALLED_APPS?")
    return _refusal_renderer[0](dossier, signer=signer, issued_at=issued_at)


def refusal_notice_name(dossier: Dossier) -> str:
    return f"van-ban-tu-choi-giai-quyet-{dossier.code}.pdf"


def store_refusal_notice(dossier: Dossier, *, signer: User, now: datetime) -> DossierFile:
    """Render the refusal notice of ``dossier`` (outcome and reason already set) and keep it as its result.

    Signed by the leader over their name (if they hold a key), then by the competent agency.
    """
    content, boxes = _render_refusal(dossier, signer=signer.full_name, issued_at=now)
    signed = sign(
        dossier,
        content,
        agency=dossier.competent_agency,
        purpose=FilePurpose.RESULT,
        name=refusal_notice_name(dossier),
        now=now,
        person=signer,
        boxes=boxes,
    )
    return store_issued(
        dossier, signed, name=refusal_notice_name(dossier), purpose=FilePurpose.RESULT, now=now, by=signer
    )


def sign(
    dossier: Dossier,
    content: bytes,
    *,
    agency: Agency,
    purpose: str,
    name: str,
    now: datetime,
    person: User | None = None,
    boxes: signing.Boxes | None = None,
) -> bytes:
    """``content`` signed by ``agency`` (and ``person``), or as it was when the agency has no usable key."""
    try:
        issued = signing.sign_issued(
            content,
            agency=agency,
            person=person,
            name=name,
            purpose=SIGNED_PURPOSE.get(purpose, DocumentPurpose.NOTICE),
            reference=dossier.code or "",
            now=now,
            boxes=boxes,
        )
    except (SigningUnavailable, NotAPdf) as exc:
        logger.error("Dossier %s: %s left unsigned: %s", dossier.code, name, exc.message)
        return content
    return issued.content if issued is not None else content


def sign_stored_results(dossier: Dossier, files: list[DossierFile], *, person: User | None, now: datetime) -> int:
    """Sign, in place, the PDF results just attached: by the leader who approved, then the competent agency.

    A scan in PNG or JPEG cannot carry a PAdES signature and is left as it is. Returns how many were signed.
    """
    count = 0
    for row in files:
        with row.file.open("rb") as stored:
            content = stored.read()
        if not content.startswith(b"%PDF"):
            continue
        signed = sign(
            dossier,
            content,
            agency=dossier.competent_agency,
            purpose=FilePurpose.RESULT,
            name=row.name,
            now=now,
            person=person,
        )
        if signed is content:
            continue
        previous = row.file.name
        row.file.save(row.name, ContentFile(signed), save=False)
        row.size = len(signed)
        row.save(update_fields=["file", "size"])
        row.file.storage.delete(previous)
        count += 1
    return count


def store_issued(
    dossier: Dossier, content: bytes, *, name: str, purpose: str, now: datetime, by: User | None
) -> DossierFile:
    """Keep a document the platform produced (a notice, a receipt) as a file of the dossier.

    Not an upload: the bytes are the platform's own, so they skip the upload check of ``received.attach``.
    """
    return DossierFile.objects.create(
        dossier=dossier,
        purpose=purpose,
        file=ContentFile(content, name=name),
        name=name,
        size=len(content),
        uploaded_at=now,
        uploaded_by=by,
    )
