"""Forms 01–06 as issued electronically: signed by the issuing agency once, kept, and served again.

A form is rendered from the dossier's data; when the agency holds a key the rendered PDF is signed (PAdES,
the agency's signature in the seal's place the form reserves, with the QR code of the verification page)
and kept as a ``SignedDocument``. Each later download of the same form serves that very document, so a
printout and the file the applicant holds verify alike. The form is issued again, and signed again, only
when what it states changes: a new acceptance or due moment (01), a new supplement request (02), the refusal
(03), the extension (04), the stop or withdrawal (05), any step of the process (06, the control sheet).

Without a key, or with one that cannot be opened, the form is served unsigned as before (logged).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

from motcua.documents.forms import FORMS, dossier_context, render_pdf_with_boxes
from motcua.dossiers.models import Dossier
from motcua.signatures import services as signing
from motcua.signatures.models import DocumentPurpose, SignedDocument
from motcua.signatures.pades import NotAPdf
from motcua.signatures.signers import SigningUnavailable

logger = logging.getLogger(__name__)


def _moment(value: datetime | None) -> str:
    return value.strftime("%Y%m%d%H%M%S") if value else "0"


def _supplement(dossier: Dossier) -> str:
    latest = dossier.supplement_requests.order_by("-requested_at").values_list("requested_at", flat=True).first()
    return _moment(latest)


# What each form states that can change: a different value is a new issue of the form.
EDITIONS: dict[str, Callable[[Dossier], str]] = {
    "01": lambda d: f"{_moment(d.accepted_at)}-{_moment(d.due_at)}",
    "02": _supplement,
    "03": lambda d: _moment(d.closed_at),
    "04": lambda d: f"{_moment(d.extended_at)}-{_moment(d.due_at)}",
    "05": lambda d: f"{d.status}-{_moment(d.closed_at)}",
    "06": lambda d: f"v{d.version}",
}


def form_name(form_no: str, dossier: Dossier) -> str:
    return f"mau-{form_no}-{dossier.code}-{EDITIONS[form_no](dossier)}.pdf"


def issued_form(form_no: str, dossier: Dossier) -> bytes:
    """The form as issued to the applicant: the kept signed copy, or a new one rendered (and signed) now."""
    context = dossier_context(form_no, dossier)  # FormNotAvailable when the form does not exist yet
    name = form_name(form_no, dossier)
    kept = SignedDocument.objects.filter(reference=dossier.code or "", name=name, purpose=DocumentPurpose.FORM).first()
    if kept is not None:
        try:
            with kept.file.open("rb") as stored:
                return stored.read()
        except OSError as exc:  # the stored copy went missing: issue it again
            logger.error("Signed form %s unreadable, issued again: %s", kept.pk, exc)
    content, boxes = render_pdf_with_boxes(FORMS[form_no].template, context)
    agency = dossier.competent_agency if form_no == "04" else dossier.receiving_agency
    try:
        issued = signing.sign_issued(
            content,
            agency=agency,
            name=name,
            purpose=DocumentPurpose.FORM,
            reference=dossier.code or "",
            now=timezone.now(),
            boxes=signing.Boxes(agency=boxes.agency),
        )
    except (SigningUnavailable, NotAPdf) as exc:
        logger.error("Dossier %s: form %s issued unsigned: %s", dossier.code, form_no, exc.message)
        return content
    return issued.content if issued is not None else content
