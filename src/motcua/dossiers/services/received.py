"""What a dossier received: its components and files, checked against the procedure's checklist.

Every channel writes what it received through here (the counter and postal intake, an online draft,
a supplement), so a file passes the one upload check and a component named as in the checklist is
linked to it whichever way it came.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile

from motcua.accounts.models import User
from motcua.catalogue.constants import ComponentRequirement
from motcua.catalogue.models import Component
from motcua.core.exceptions import DomainError
from motcua.core.limits import MAX_COPIES, MAX_PAGES, check_count
from motcua.core.text import fold
from motcua.core.uploads import validate_upload, validate_uploads
from motcua.dossiers.inputs import ComponentData
from motcua.dossiers.models import Dossier, DossierComponent, DossierFile, FilePurpose
from motcua.dossiers.services.base import require


@dataclass(frozen=True)
class Received:
    """Components received, checked and matched to the checklist, not written yet (see :func:`write`)."""

    rows: list[DossierComponent]
    data: Sequence[ComponentData]


def add_components(
    dossier: Dossier,
    components: Sequence[ComponentData],
    *,
    user: User | None,
    now: datetime,
) -> list[DossierComponent]:
    """Record the documents received by a dossier already written (a draft, a supplement)."""
    return write(check(dossier, components, first_order=dossier.components.count() + 1), user=user, now=now)


def check(
    dossier: Dossier,
    components: Sequence[ComponentData],
    *,
    first_order: int = 1,
    catalogue: Sequence[Component] | None = None,
) -> Received:
    """Match what was received to the checklist and check it, every file included; nothing written.

    A component named freely with exactly the name of one of the procedure's components (diacritics
    and case aside) is that component: the checklist then knows it was received. ``catalogue``: the
    version's components when the caller has read them.
    """
    if not components:
        return Received([], ())
    checklist = {c.pk: c for c in (catalogue if catalogue is not None else version_components(dossier))}
    by_name = {fold(c.name): c for c in checklist.values()}
    rows = [_row(dossier, data, order, checklist, by_name) for order, data in enumerate(components, start=first_order)]
    flag_components(dossier, components)
    validate_uploads([upload for data in components for upload in data.files], field="components")
    return Received(rows, components)


def _row(
    dossier: Dossier,
    data: ComponentData,
    order: int,
    checklist: dict[int, Component],
    by_name: dict[str, Component],
) -> DossierComponent:
    source = checklist.get(data.component_id) if data.component_id else by_name.get(fold(data.name.strip()))
    if data.component_id and source is None:
        raise DomainError(
            "Thành phần hồ sơ không thuộc thủ tục này.",
            code="invalid",
            fields={"components": [f"Thành phần số {data.component_id} không thuộc thủ tục."]},
        )
    name = data.name or (source.name if source else "")
    require(name, "components", "Mỗi thành phần hồ sơ cần có tên.")
    return DossierComponent(
        dossier=dossier,
        catalogue_component=source,
        order=order,
        name=name,
        kind=data.kind,
        copies=check_count(data.copies, field="components", minimum=1, maximum=MAX_COPIES),
        page_count=check_count(data.page_count, field="components", minimum=0, maximum=MAX_PAGES),
        digitised=data.digitised or bool(data.files),
        reused=data.reused,
    )


def write(received: Received, *, user: User | None, now: datetime) -> list[DossierComponent]:
    """Write the rows and store their files (checked by :func:`check`)."""
    if not received.rows:
        return []
    created = DossierComponent.objects.bulk_create(received.rows)
    for row, data in zip(created, received.data, strict=True):
        for upload in data.files:
            attach(
                row.dossier,
                upload,
                purpose=FilePurpose.COMPONENT,
                component=row,
                user=user,
                now=now,
                field="components",
            )
    return created


def version_components(dossier: Dossier) -> list[Component]:
    """The checklist of the dossier's procedure version, in order."""
    return list(Component.objects.filter(version_id=dossier.procedure_version_id).order_by("order", "pk"))


def require_mandatory_components(
    dossier: Dossier,
    received: Sequence[DossierComponent] | None = None,
    catalogue: Sequence[Component] | None = None,
) -> None:
    """Acceptance needs every component the procedure requires of everyone, whatever the channel.

    Components required only in a stated case, or optional ones, never block it: the officer checks
    the case with the applicant. ``received``: the rows received by this intake, written or not
    (else read from the dossier); ``catalogue``: the version's components when the caller has read them.
    """
    if received is None:
        received = list(dossier.components.all())
    got = {row.catalogue_component_id for row in received}
    checklist = catalogue if catalogue is not None else version_components(dossier)
    missing = [c.name for c in checklist if c.requirement == ComponentRequirement.ALWAYS and c.pk not in got]
    if missing:
        raise DomainError(
            "Còn thành phần bắt buộc chưa nhận: hãy nhận đủ, hoặc yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02).",
            code="incomplete",
            fields={"components": [f"Chưa nhận: {name}." for name in missing]},
        )


def flag_components(dossier: Dossier, components: Sequence[ComponentData]) -> None:
    """Decision 766 flags: some component was digitised (scanned or uploaded) or reused from a store."""
    dossier.has_digitised_components |= any(c.digitised or c.files for c in components)
    dossier.has_reused_components |= any(c.reused for c in components)


def attach(
    dossier: Dossier,
    upload: UploadedFile,
    *,
    purpose: str,
    user: User | None,
    now: datetime,
    component: DossierComponent | None = None,
    field: str = "files",
) -> DossierFile:
    """Store an uploaded file of the dossier: every channel's files pass the one upload check here.

    ``field``: the input to show a refusal next to (``UploadRejected``, a ``DomainError``).
    """
    name = validate_upload(upload, field=field)
    return DossierFile.objects.create(
        dossier=dossier,
        component=component,
        purpose=purpose,
        file=upload,
        name=name,
        size=upload.size or 0,
        uploaded_at=now,
        uploaded_by=user,
    )


def attach_all(
    dossier: Dossier,
    uploads: Sequence[UploadedFile],
    *,
    purpose: str,
    user: User | None,
    now: datetime,
    field: str = "files",
) -> list[str]:
    """Store a batch of files, every one checked before the first is written; their names."""
    validate_uploads(list(uploads), field=field)
    return [attach(dossier, f, purpose=purpose, user=user, now=now, field=field).name for f in uploads]
