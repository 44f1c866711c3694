"""Online submission through the citizen portal: a draft the applicant fills, then sends.

A draft has no code and is visible to its applicant only. ``submit_online`` registers it
("Mới đăng ký", dossier code of the chosen one-stop unit); a one-stop officer then takes the
reception decision (``intake.accept`` / ``request_supplement_at_intake`` / ``refuse_at_intake``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from motcua.accounts.models import Applicant, User
from motcua.catalogue.constants import OnlineLevel
from motcua.catalogue.models import Procedure
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers.constants import Channel, PaymentMethod, Status
from motcua.dossiers.models import Dossier, DossierComponent, DossierFile, FilePurpose
from motcua.dossiers.services.base import begin, finish, now_or, record
from motcua.dossiers.services.intake import (
    ComponentData,
    add_components,
    attach,
    new_dossier,
    number,
    register,
    set_fees,
)
from motcua.organisations.models import Agency


@transaction.atomic
def create_online_draft(
    applicant: Applicant,
    procedure: Procedure,
    *,
    actor: User,
    receiving_agency: Agency,
    summary: str = "",
    now: datetime | None = None,
) -> Dossier:
    """Start an online dossier for ``applicant`` (the portal user's own profile)."""
    moment = now_or(now)
    if applicant.user_id != actor.pk:
        raise PermissionDenied("Chỉ được nộp hồ sơ trực tuyến cho chính tài khoản của mình.")
    dossier = new_dossier(
        procedure=procedure,
        applicant=applicant,
        receiving_agency=receiving_agency,
        channel=Channel.ONLINE,
        now=moment,
        summary=summary,
    )
    if dossier.procedure_version.online_level == OnlineLevel.NONE:
        raise DomainError("Thủ tục này chưa được cung cấp trực tuyến.", code="not_online")
    dossier.status = Status.DRAFT
    dossier.save()
    # The checklist of the version, so the applicant only has to attach files.
    DossierComponent.objects.bulk_create(
        DossierComponent(
            dossier=dossier,
            catalogue_component=component,
            order=component.order,
            name=component.name,
            kind="electronic",
            copies=1,
        )
        for component in dossier.procedure_version.components.all()
    )
    record(dossier, "create_draft", user=actor, now=moment, role="applicant")
    return dossier


@transaction.atomic
def update_draft(
    dossier: Dossier | int,
    *,
    actor: User,
    summary: str | None = None,
    receiving_agency: Agency | None = None,
    components: Sequence[ComponentData] = (),
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Dossier:
    ctx = begin(dossier, "update_draft", actor=actor, expected_version=expected_version, now=now)
    if summary is not None:
        ctx.dossier.summary = summary[:1000]
    if receiving_agency is not None:
        ctx.dossier.receiving_agency = receiving_agency
    add_components(ctx.dossier, components, user=actor, now=ctx.now)
    return finish(ctx)


@transaction.atomic
def attach_file_to_component(
    dossier: Dossier | int,
    component_id: int,
    upload: UploadedFile,
    *,
    actor: User,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> DossierFile:
    """Attach one file to a component of the draft (the checklist line)."""
    ctx = begin(dossier, "update_draft", actor=actor, expected_version=expected_version, now=now)
    component = ctx.dossier.components.filter(pk=component_id).first()
    if component is None:
        raise DomainError("Thành phần hồ sơ không thuộc hồ sơ này.", code="invalid", fields={"component": []})
    stored = attach(ctx.dossier, upload, purpose=FilePurpose.COMPONENT, component=component, user=actor, now=ctx.now)
    component.digitised = True
    component.page_count = max(component.page_count, 1)
    component.save(update_fields=["digitised", "page_count"])
    ctx.dossier.has_digitised_components = True
    finish(ctx, data={"component": component.name}, files=[stored.name])
    return stored


@transaction.atomic
def submit_online(
    dossier: Dossier | int,
    *,
    actor: User,
    payment_method: str = PaymentMethod.ONLINE,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Send the draft: every mandatory component must have a file; the dossier gets its code."""
    ctx = begin(dossier, "submit_online", actor=actor, expected_version=expected_version, now=now)
    missing = [
        c.name
        for c in ctx.dossier.components.select_related("catalogue_component")
        if c.catalogue_component is not None and c.catalogue_component.mandatory and not c.files.exists()
    ]
    if missing:
        raise DomainError(
            "Hồ sơ còn thiếu tệp đính kèm của thành phần bắt buộc.",
            code="incomplete",
            fields={"components": missing},
        )
    register(ctx.dossier, ctx.now)
    set_fees(ctx.dossier, None, payment_method)
    return number(finish(ctx))
