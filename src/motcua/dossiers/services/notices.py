"""Notices the engine issues and keeps as dossier files: the refusal after appraisal.

The numbered forms (01–06) are rendered on demand from the dossier's data. A refusal notice is
the dossier's result (regulations §2 item 14): it is rendered once, when the refusal is decided,
and stored, so the applicant and the officials download the very document that was issued.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierFile, FilePurpose

# Renders a refusal notice: (dossier, signer's full name, moment of issue) -> PDF bytes.
RefusalRenderer = Callable[..., bytes]

# The documents context renders notices and sits above dossiers (it reads them): it provides its
# renderer when the apps are ready, so the engine depends on the port, not on the documents app.
_refusal_renderer: list[RefusalRenderer] = []


def provide_refusal_renderer(renderer: RefusalRenderer) -> None:
    _refusal_renderer[:] = [renderer]


def _render_refusal(dossier: Dossier, *, signer: str, issued_at: datetime) -> bytes:
    if not _refusal_renderer:
        raise ImproperlyConfigured("No refusal notice renderer: is motcua.documents in INSTALLED_APPS?")
    return _refusal_renderer[0](dossier, signer=signer, issued_at=issued_at)


def refusal_notice_name(dossier: Dossier) -> str:
    return f"van-ban-tu-choi-giai-quyet-{dossier.code}.pdf"


def store_refusal_notice(dossier: Dossier, *, signer: User, now: datetime) -> DossierFile:
    """Render the refusal notice of ``dossier`` (outcome and reason already set) and keep it as its result."""
    content = _render_refusal(dossier, signer=signer.full_name, issued_at=now)
    return store_issued(
        dossier, content, name=refusal_notice_name(dossier), purpose=FilePurpose.RESULT, now=now, by=signer
    )


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
