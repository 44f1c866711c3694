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
from motcua.accounts.services import clean_applicant_fields
from motcua.catalogue.constants import OnlineLevel
from motcua.catalogue.models import Procedure
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.core.text import fold
from motcua.dossiers import events
from motcua.dossiers.constants import Channel, PaymentMethod, Status
from motcua.dossiers.inputs import ComponentData
from motcua.dossiers.models import Dossier, DossierComponent, DossierFile, DossierGroup, FilePurpose
from motcua.dossiers.services.base import begin, finish, now_or, record
from motcua.dossiers.services.delivery import require_result_delivery, set_result_delivery
from motcua.dossiers.services.dispatch import performs
from motcua.dossiers.services.fees import exemptions_stated, fee_facts, set_fees
from motcua.dossiers.services.received import add_components, attach
from motcua.dossiers.services.registration import new_dossier, number, register
from motcua.dossiers.tasks import notify_applicant
from motcua.organisations.models import Agency

EXEMPTION_MAX_LENGTH = 500


@transaction.atomic
def create_online_draft(
    applicant: Applicant,
    procedure: Procedure,
    *,
    actor: User,
    receiving_agency: Agency,
    summary: str = "",
    now: datetime | None = None,
    group: DossierGroup | None = None,
) -> Dossier:
    """Start an online dossier for ``applicant`` (the portal user's own profile); ``group``: the
    application of a procedure group it belongs to (``services.groups``)."""
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
    dossier.group = group
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
    record(dossier, events.CREATE_DRAFT, user=actor, now=moment, role="applicant")
    return dossier


@performs("update_draft")
@transaction.atomic
def update_draft(
    dossier: Dossier | int,
    *,
    actor: User,
    summary: str | None = None,
    receiving_agency: Agency | None = None,
    components: Sequence[ComponentData] = (),
    result_delivery: str | None = None,
    delivery_address: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Dossier:
    ctx = begin(dossier, "update_draft", actor=actor, expected_version=expected_version, now=now)
    if summary is not None:
        ctx.dossier.summary = summary[:1000]
    if receiving_agency is not None:
        ctx.dossier.receiving_agency = receiving_agency
    if result_delivery is not None:
        set_result_delivery(ctx.dossier, result_delivery, delivery_address)
    add_components(ctx.dossier, components, user=actor, now=ctx.now)
    return finish(ctx)


# The dossier's copy of the applicant's contact data, editable while it is a draft.
APPLICANT_COPY = {
    "full_name": "applicant_name",
    "phone": "applicant_phone",
    "email": "applicant_email",
    "address": "applicant_address",
}


@transaction.atomic
def update_draft_applicant(
    dossier: Dossier | int,
    *,
    actor: User,
    full_name: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Correct the applicant details the draft will be submitted with (validated like the profile).

    The identity number is not editable here: it names whose dossier this is.
    """
    ctx = begin(dossier, "update_draft", actor=actor, expected_version=expected_version, now=now)
    applicant = ctx.dossier.applicant
    cleaned = clean_applicant_fields(
        applicant.kind,
        {
            "full_name": full_name,
            "id_number": applicant.id_number,
            "tax_code": applicant.tax_code,
            "phone": phone,
            "email": email,
            "address": address,
        },
    )
    changed: dict[str, list[str]] = {}
    for source, target in APPLICANT_COPY.items():
        value = cleaned.get(source) or ""
        if getattr(ctx.dossier, target) != value:
            changed[target] = [getattr(ctx.dossier, target), value]
            setattr(ctx.dossier, target, value)
    ctx.dossier.applicant_name_folded = fold(ctx.dossier.applicant_name)  # what the inbox search reads
    return finish(ctx, data={"applicant": changed})


@transaction.atomic
def remove_draft_file(
    dossier: Dossier | int,
    file_id: int,
    *,
    actor: User,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Take a file off the draft (a wrong scan); files of a sent dossier are evidence and stay."""
    ctx = begin(dossier, "update_draft", actor=actor, expected_version=expected_version, now=now)
    stored = ctx.dossier.files.filter(pk=file_id, purpose=FilePurpose.COMPONENT).select_related("component").first()
    if stored is None:
        raise DomainError("Tệp không thuộc hồ sơ nháp này.", code="invalid", fields={"file": []})
    component, name = stored.component, stored.name
    stored.delete()
    # The stored bytes go only once the row's removal is committed.
    ctx.after_commit.append(lambda: stored.file.storage.delete(stored.file.name))
    if component is not None and not component.files.exists():
        component.digitised = False
        component.reused = False  # a certified copy taken off: the line no longer reuses anything
        component.page_count = 0
        component.save(update_fields=["digitised", "reused", "page_count"])
    ctx.dossier.has_digitised_components = ctx.dossier.components.filter(digitised=True).exists()
    ctx.dossier.has_reused_components = ctx.dossier.components.filter(reused=True).exists()
    return finish(ctx, data={"component": component.name if component else "", "removed_file": name})


def draft_component(dossier: Dossier, component_id: int) -> DossierComponent:
    """The checklist line ``component_id`` of this dossier; refused when it belongs to another one."""
    component = dossier.components.filter(pk=component_id).first()
    if component is None:
        raise DomainError("Thành phần hồ sơ không thuộc hồ sơ này.", code="invalid", fields={"component": []})
    return component


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
    component = draft_component(ctx.dossier, component_id)
    stored = attach(ctx.dossier, upload, purpose=FilePurpose.COMPONENT, component=component, user=actor, now=ctx.now)
    component.digitised = True
    component.page_count = max(component.page_count, 1)
    component.save(update_fields=["digitised", "page_count"])
    ctx.dossier.has_digitised_components = True
    finish(ctx, data={"component": component.name}, files=[stored.name])
    return stored


@performs("submit_online")
@transaction.atomic
def submit_online(
    dossier: Dossier | int,
    *,
    actor: User,
    payment_method: str = PaymentMethod.ONLINE,
    result_delivery: str | None = None,
    delivery_address: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Send the draft: the result delivery is chosen and every mandatory component has a file.

    The dossier gets its code and the applicant a confirmation (topic ``submitted``).
    """
    ctx = begin(dossier, "submit_online", actor=actor, expected_version=expected_version, now=now)
    if result_delivery is not None:
        set_result_delivery(ctx.dossier, result_delivery, delivery_address)
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
    require_result_delivery(ctx.dossier)
    # The draft's checklist lines without a file were never received: left in, the receipt (Form 01)
    # and the dossier page would list them as received.
    ctx.dossier.components.filter(files__isnull=True).delete()
    register(ctx.dossier, ctx.now)
    # Fees paid online before sending were recorded with their method (services.fees).
    method = ctx.dossier.payment_method if ctx.dossier.fees_paid else payment_method
    set_fees(ctx.dossier, None, method, exempt=bool(ctx.dossier.fee_exemption))
    notify_applicant(ctx.dossier.pk, "submitted")
    return number(finish(ctx, data=fee_facts(ctx.dossier, ctx.dossier.fee_exemption)))


@transaction.atomic
def claim_fee_exemption(
    dossier: Dossier | int,
    *,
    actor: User,
    case: str,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Dossier:
    """The applicant states the exempt case they are in (``""`` withdraws the claim).

    The rows of the fee table that state exempt cases are then charged 0 when the draft is sent;
    the one-stop officer checks the proof at reception and corrects the fees if it does not hold
    (``fee_adjustments``). A claim comes before any online payment: a paid draft cannot claim.
    """
    ctx = begin(dossier, "update_draft", actor=actor, expected_version=expected_version, now=now)
    case = " ".join(case.split())
    if len(case) > EXEMPTION_MAX_LENGTH:
        message = f"Trường hợp miễn ghi tối đa {EXEMPTION_MAX_LENGTH} ký tự."
        raise DomainError(message, code="invalid", fields={"fee_exemption": [message]})
    if case and not exemptions_stated(ctx.dossier.procedure_version_id):
        message = "Thủ tục này không có trường hợp được miễn phí, lệ phí."
        raise DomainError(message, code="invalid", fields={"fee_exemption": [message]})
    if ctx.dossier.fees_paid:
        message = "Phí, lệ phí đã được thanh toán; không thể khai miễn cho hồ sơ này."
        raise DomainError(message, code="invalid", fields={"fee_exemption": [message]})
    ctx.dossier.fee_exemption = case
    return finish(ctx, data={"fee_exemption": case})
