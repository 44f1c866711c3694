"""Reusing a document the citizen already holds electronically instead of uploading a scan.

An electronic certified copy (``certification``) the citizen owns is attached to a checklist line of
their draft: the signed PDF is kept byte for byte (its signatures stay valid), the component is marked
digitised and reused, and the dossier counts as one with reused components (Decision 766, "tái sử dụng
dữ liệu đã số hóa"); the certification register counts the reuse too.
"""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.accounts.models import User
from motcua.certification import selectors as certified_copies
from motcua.certification import services as certification
from motcua.core.exceptions import DomainError
from motcua.dossiers.models import Dossier, DossierFile, FilePurpose
from motcua.dossiers.services.base import begin, finish
from motcua.dossiers.services.online import draft_component


@transaction.atomic
def attach_certified_copy(
    dossier: Dossier | int,
    component_id: int,
    copy_id: int,
    *,
    actor: User,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> DossierFile:
    """Attach the citizen's certified copy ``copy_id`` to a component of their draft, as a reused document."""
    ctx = begin(dossier, "update_draft", actor=actor, expected_version=expected_version, now=now)
    component = draft_component(ctx.dossier, component_id)
    certified = certified_copies.copy_for_owner(actor, copy_id)
    if ctx.dossier.files.filter(component=component, name=certified.signed.name).exists():
        raise DomainError("Bản sao này đã được đính kèm vào thành phần hồ sơ.", code="invalid", fields={"copy": []})
    with certified.signed.file.open("rb") as stored:
        content = stored.read()
    attached = DossierFile.objects.create(
        dossier=ctx.dossier,
        component=component,
        purpose=FilePurpose.COMPONENT,
        file=ContentFile(content, name=certified.signed.name),
        name=certified.signed.name,
        size=len(content),
        uploaded_at=ctx.now,
        uploaded_by=actor,
    )
    component.digitised = True
    component.reused = True
    component.page_count = max(component.page_count, certified.pages)
    component.save(update_fields=["digitised", "reused", "page_count"])
    ctx.dossier.has_digitised_components = True
    ctx.dossier.has_reused_components = True
    certification.record_reuse(certified, dossier_reference=str(ctx.dossier.reference), actor=actor, now=ctx.now)
    data = {"component": component.name, "certified_copy": certified.signed.reference, "reused": True}
    finish(ctx, data=data, files=[attached.name])
    return attached
