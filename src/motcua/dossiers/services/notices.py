"""Notices the engine issues and keeps as dossier files: the refusal after appraisal.

The numbered forms (01–06) are rendered on demand from the dossier's data. A refusal notice is
the dossier's result (regulations §2 item 14): it is rendered once, when the refusal is decided,
and stored, so the applicant and the officials download the very document that was issued.
"""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierFile, FilePurpose


def refusal_notice_name(dossier: Dossier) -> str:
    return f"van-ban-tu-choi-giai-quyet-{dossier.code}.pdf"


def store_refusal_notice(dossier: Dossier, *, signer: User, now: datetime) -> DossierFile:
    """Render the refusal notice of ``dossier`` (outcome and reason already set) and keep it as its result."""
    # The documents context reads dossiers; it is imported here, when a notice is issued, not at load.
    from motcua.documents.forms import render_refusal_notice

    content = render_refusal_notice(dossier, signer=signer.full_name, issued_at=now)
    name = refusal_notice_name(dossier)
    return DossierFile.objects.create(
        dossier=dossier,
        purpose=FilePurpose.RESULT,
        file=ContentFile(content, name=name),
        name=name,
        size=len(content),
        uploaded_at=now,
        uploaded_by=signer,
    )
