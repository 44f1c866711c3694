"""Intake at the one-stop unit (counter or postal) and the reception decision.

``receive_dossier`` registers what the officer received (status "Mới đăng ký", dossier code) and,
by default, takes the reception decision at once: accept (Form 01), ask for a supplement listing
every missing item at once (Form 02) or refuse (Form 03). Online dossiers arrive through
``online.submit_online`` and get the same decision through ``accept`` / ``request_supplement_at_intake``
/ ``refuse_at_intake``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from motcua.accounts.models import Applicant, Role, User
from motcua.catalogue.constants import ComponentRequirement
from motcua.catalogue.models import Component, Procedure, ProcedureVersion
from motcua.catalogue.selectors import effective_time, is_in_force, version_in_force
from motcua.core.db import reserve_id
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.core.limits import MAX_COPIES, MAX_PAGES, check_count
from motcua.core.text import fold
from motcua.core.uploads import validate_upload, validate_uploads
from motcua.dossiers import codes, deadlines, events
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.constants import Channel, PaymentMethod, ReturnMethod, Status, SupplementStage
from motcua.dossiers.inputs import ComponentData as ComponentData  # what a service receives
from motcua.dossiers.models import (
    Dossier,
    DossierComponent,
    DossierFee,
    DossierFile,
    DossierStep,
    FilePurpose,
    SupplementRequest,
)
from motcua.dossiers.services import assignment, steps, supplements
from motcua.dossiers.services.applicants import ApplicantData, resolve_applicant_checked
from motcua.dossiers.services.base import (
    ActionContext,
    actor_for,
    begin,
    begin_new,
    event,
    finish,
    may_act_as,
    now_or,
    require,
)
from motcua.dossiers.services.delivery import set_result_delivery
from motcua.dossiers.services.dispatch import performs
from motcua.dossiers.services.fees import FeeData, fee_facts, price
from motcua.dossiers.tasks import notify_applicant
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ


def competent_agency_for(version: ProcedureVersion, receiving: Agency, chosen: Agency | None = None) -> Agency:
    """Route by competence, not by the place of reception (Decree 118/2025, province-wide reception)."""
    competent = list(version.competent_agencies.filter(is_active=True).order_by())  # the choice ignores order
    if chosen is not None:
        if competent and chosen not in competent:
            raise DomainError(
                f"{chosen.name} không có thẩm quyền giải quyết thủ tục này.",
                code="invalid",
                fields={"competent_agency": ["Cơ quan không có thẩm quyền giải quyết thủ tục."]},
            )
        return chosen
    if len(competent) == 1:
        return competent[0]
    same_place = [a for a in competent if a.administrative_unit_id == receiving.administrative_unit_id]
    if len(same_place) == 1:
        return same_place[0]
    if receiving in competent:
        return receiving
    if not competent:
        return receiving
    raise DomainError(
        "Thủ tục có nhiều cơ quan giải quyết: hãy chọn cơ quan có thẩm quyền.",
        code="invalid",
        fields={"competent_agency": ["Chọn cơ quan có thẩm quyền giải quyết."]},
    )


def add_components(
    dossier: Dossier,
    components: Sequence[ComponentData],
    *,
    user: User | None,
    now: datetime,
    first_order: int | None = None,
    catalogue: Sequence[Component] | None = None,
) -> list[DossierComponent]:
    """Record the documents received; ``first_order`` saves a count when the dossier is new.

    A component named freely with exactly the name of one of the procedure's components (diacritics
    and case aside) is that component: the checklist then knows it was received.
    """
    if not components:
        return []
    checklist = {c.pk: c for c in (catalogue if catalogue is not None else version_components(dossier))}
    by_name = {fold(c.name): c for c in checklist.values()}
    start = first_order if first_order is not None else dossier.components.count() + 1
    rows = []
    for index, data in enumerate(components, start=start):
        source = checklist.get(data.component_id) if data.component_id else by_name.get(fold(data.name.strip()))
        if data.component_id and source is None:
            raise DomainError(
                "Thành phần hồ sơ không thuộc thủ tục này.",
                code="invalid",
                fields={"components": [f"Thành phần số {data.component_id} không thuộc thủ tục."]},
            )
        name = data.name or (source.name if source else "")
        require(name, "components", "Mỗi thành phần hồ sơ cần có tên.")
        rows.append(
            DossierComponent(
                dossier=dossier,
                catalogue_component=source,
                order=index,
                name=name,
                kind=data.kind,
                copies=check_count(data.copies, field="components", minimum=1, maximum=MAX_COPIES),
                page_count=check_count(data.page_count, field="components", minimum=0, maximum=MAX_PAGES),
                digitised=data.digitised or bool(data.files),
                reused=data.reused,
            )
        )
    flag_components(dossier, components)
    # Every file checked before any row or file is written.
    validate_uploads([upload for data in components for upload in data.files], field="components")
    created = DossierComponent.objects.bulk_create(rows)
    for row, data in zip(created, components, strict=True):
        for upload in data.files:
            attach(
                dossier, upload, purpose=FilePurpose.COMPONENT, component=row, user=user, now=now, field="components"
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
    the case with the applicant. ``received``: the rows just written (else read from the dossier);
    ``catalogue``: the version's components when the caller has read them.
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


def new_dossier(
    *,
    procedure: Procedure,
    applicant: Applicant,
    receiving_agency: Agency,
    channel: str,
    now: datetime,
    competent_agency: Agency | None = None,
    summary: str = "",
    version: ProcedureVersion | None = None,
) -> Dossier:
    """The dossier in memory, under the procedure's version in force on the day of reception
    (``version`` when the caller already read it and it is that one, else read here)."""
    day = now.astimezone(VIETNAM_TZ).date()
    if version is None or version.procedure_id != procedure.pk or not is_in_force(version, day):
        version = version_in_force(procedure, day)
    return Dossier(
        procedure=procedure,
        procedure_version=version,
        applicant=applicant,
        applicant_name=applicant.full_name,
        applicant_name_folded=fold(applicant.full_name),
        applicant_phone=applicant.phone,
        applicant_id_number=applicant.id_number or applicant.tax_code,
        applicant_email=applicant.email,
        applicant_address=applicant.address,
        summary=(summary or procedure.name)[:1000],
        channel=channel,
        receiving_agency=receiving_agency,
        competent_agency=competent_agency_for(version, receiving_agency, competent_agency),
        created_at=now,
    )


def register(dossier: Dossier, now: datetime) -> None:
    """Status "Mới đăng ký" at the moment of reception, with a provisional code.

    The real number is drawn by :func:`number` at the end of the service: the daily counter row
    stays locked until commit, so drawing it last keeps concurrent intakes at one unit from
    waiting on each other's whole transaction.
    """
    dossier.code = f"{codes.PROVISIONAL_PREFIX}{dossier.reference}"
    dossier.submitted_at = now
    dossier.status = Status.SUBMITTED


def number(dossier: Dossier) -> Dossier:
    """Replace the provisional code with the next number of the receiving unit for the reception day,
    and write the row. At intake the row is inserted here, once, complete: its rows (fees,
    components, steps, history) were written first under its reserved id."""
    assert dossier.submitted_at is not None  # noqa: S101 - set by register()
    dossier.code = codes.new_code(dossier.receiving_agency, dossier.submitted_at)
    dossier.save(force_insert=dossier._state.adding)
    return dossier


@transaction.atomic
def receive_dossier(
    *,
    actor: User,
    receiving_agency: Agency,
    procedure: Procedure,
    applicant: Applicant | ApplicantData,
    version: ProcedureVersion | None = None,
    components: Sequence[ComponentData] = (),
    channel: str = Channel.COUNTER,
    postal_shipment_number: str = "",
    fees: Sequence[FeeData] | None = None,
    payment_method: str = PaymentMethod.CASH,
    fees_paid: bool = False,
    fee_exemption: str = "",
    result_delivery: str = ReturnMethod.COUNTER,
    delivery_address: str = "",
    competent_agency: Agency | None = None,
    summary: str = "",
    decision: str = "accept",
    supplement_items: Sequence[str] = (),
    reason: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Dossier:
    """Record a dossier received at the counter or by post, then apply the reception ``decision``.

    ``decision``: ``accept`` (default), ``request_supplement`` (with ``supplement_items``),
    ``refuse`` (with ``reason``) or ``register`` (leave it "Mới đăng ký" for a later decision).
    ``version``: the procedure's version in force, when the caller has read it already (checked).
    ``fee_exemption``: the exempt case the applicant proved (e.g. "Người thuộc hộ nghèo"); the fee rows
    that state exempt cases are then charged 0 and the case is kept in the history.
    """
    moment = now_or(now)
    officer = actor_for(actor)
    if not (receiving_agency.is_active and may_act_as(officer, receiving_agency.pk, Role.ONE_STOP_OFFICER)):
        raise PermissionDenied("Chỉ cán bộ Bộ phận Một cửa của nơi tiếp nhận mới được nhận hồ sơ.")
    if channel not in (Channel.COUNTER, Channel.POSTAL):
        raise DomainError("Hồ sơ trực tuyến được nộp qua Cổng dịch vụ công.", code="invalid", fields={"channel": []})
    if channel == Channel.POSTAL:
        require(postal_shipment_number, "postal_shipment_number", "Cần nhập số vận đơn bưu chính.")
    if decision != "register" and decision not in INTAKE_DECISIONS:
        raise DomainError("Quyết định tiếp nhận không hợp lệ.", code="invalid", fields={"decision": []})
    if decision == "refuse":
        _require_reason(reason)
    person, shared_contact = resolve_applicant_checked(applicant, actor=actor)
    dossier = new_dossier(
        procedure=procedure,
        applicant=person,
        receiving_agency=receiving_agency,
        channel=channel,
        now=moment,
        competent_agency=competent_agency,
        summary=summary,
        version=version,
    )
    set_result_delivery(dossier, result_delivery, delivery_address)
    dossier.postal_shipment_number = postal_shipment_number
    dossier.received_by = actor
    register(dossier, moment)
    dossier.fees_paid = fees_paid
    fee_exemption = fee_exemption.strip()
    fee_rows = price(dossier, fees, payment_method, exempt=bool(fee_exemption))
    # The dossier's own row is inserted last, once, with its code (``number``); what refers to it
    # is written first under a reserved id (foreign keys are checked at commit).
    dossier.pk = reserve_id(Dossier)
    DossierFee.objects.bulk_create(fee_rows)
    # The checklist is read once: to link what was received and to check acceptance against it.
    catalogue = version_components(dossier) if components or decision == "accept" else []
    received = add_components(dossier, components, user=actor, now=moment, first_order=1, catalogue=catalogue)
    if decision == "accept":
        require_mandatory_components(dossier, received, catalogue)
    registered = event(
        dossier,
        events.REGISTER,
        user=actor,
        now=moment,
        note=note,
        role=Role.ONE_STOP_OFFICER,
        agency_id=receiving_agency.pk,
        # The officer kept a contact on record for another identity, at the applicant's word.
        data={
            "channel": channel,
            **fee_facts(dossier, fee_exemption),
            **({"contact_of_other_identity_confirmed": shared_contact} if shared_contact else {}),
        },
    )
    if decision == "register":
        registered.save()
    else:
        ctx = begin_new(dossier, INTAKE_DECISIONS[decision], actor=actor, workflow_actor=officer, now=moment)
        ctx.before_record.append(registered)  # written with the decision's own event, in one insert
        if decision == "accept":
            _accept(ctx, note)
        elif decision == "request_supplement":
            _request_supplement_at_intake(ctx, supplement_items, note)
        else:
            _refuse_at_intake(ctx, reason)
    return number(dossier)


INTAKE_DECISIONS = {
    "accept": "accept",
    "request_supplement": "request_supplement_at_intake",
    "refuse": "refuse_at_intake",
}


def start_clock(ctx: ActionContext) -> None:
    """Acceptance: time limit from the version, due moment, and the steps of the internal process.

    The steps are planned, started, handed over and assigned in memory, then inserted at once.
    """
    dossier = ctx.dossier
    cal = ctx.env.calendar
    value, unit = effective_time(dossier.procedure_version)
    dossier.time_value, dossier.time_unit = value, unit
    dossier.accepted_at = ctx.now
    dossier.clock_started_at = ctx.now
    dossier.due_at = deadlines.dossier_due(cal, ctx.now, value, unit)
    if dossier.received_by_id is None and ctx.user is not None:
        dossier.received_by = ctx.user
    planned = steps.plan(dossier, cal, ctx.now)
    first = planned[0]
    steps.start(first, ctx.now)
    # The reception step of the process is the acceptance itself.
    received = first.role == Role.ONE_STOP_OFFICER and len(planned) > 1
    activated = [first]
    if received:
        steps.close(first, ctx.now, user=ctx.user)
        activated = steps.next_group(planned, first.order)
        for step in activated:
            steps.start(step, ctx.now)
    assignment.auto_assign(ctx, activated, save=False)
    DossierStep.objects.bulk_create(planned)
    if received:
        steps.hand_over(first, ctx.now, user=ctx.user, to_agency=dossier.competent_agency)


@performs("accept")
@transaction.atomic
def accept(
    dossier: Dossier | int,
    *,
    actor: User,
    expected_version: int | None = None,
    note: str = "",
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Accept a complete dossier: due moment on the working-time clock, steps, Form 01, notification."""
    ctx = begin(dossier, "accept", actor=actor, expected_version=expected_version, now=now, acting=acting)
    require_mandatory_components(ctx.dossier)
    return _accept(ctx, note)


def _accept(ctx: ActionContext, note: str) -> Dossier:
    start_clock(ctx)
    notify_applicant(ctx.dossier.pk, "accepted")
    return finish(ctx, note=note, data={"due_at": ctx.dossier.due_at.isoformat() if ctx.dossier.due_at else None})


def new_supplement_request(ctx: ActionContext, stage: str, items: Sequence[str], note: str) -> SupplementRequest:
    cleaned = [item.strip() for item in items if item and item.strip()]
    require(cleaned, "items", "Liệt kê đầy đủ, một lần, các giấy tờ cần bổ sung hoặc hoàn thiện.")
    ctx.dossier.supplement_stage = stage
    return SupplementRequest.objects.create(
        dossier=ctx.dossier,
        stage=stage,
        items=cleaned,
        note=note,
        requested_at=ctx.now,
        requested_by=ctx.user,
        agency_id=ctx.agency_id or ctx.dossier.receiving_agency_id,
    )


@performs("request_supplement_at_intake")
@transaction.atomic
def request_supplement_at_intake(
    dossier: Dossier | int,
    *,
    actor: User,
    items: Sequence[str],
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Incomplete at reception: one request listing every missing or wrong item (Form 02)."""
    ctx = begin(
        dossier, "request_supplement_at_intake", actor=actor, expected_version=expected_version, now=now, acting=acting
    )
    return _request_supplement_at_intake(ctx, items, note)


def _request_supplement_at_intake(ctx: ActionContext, items: Sequence[str], note: str) -> Dossier:
    request = new_supplement_request(ctx, SupplementStage.INTAKE, items, note)
    notify_applicant(ctx.dossier.pk, "supplement_requested")
    return finish(ctx, note=note, data={"items": request.items})


@performs("resubmit")
@transaction.atomic
def resubmit(
    dossier: Dossier | int,
    *,
    actor: User,
    components: Sequence[ComponentData] = (),
    note: str = "",
    accept_incomplete: bool = False,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """The applicant brings (or uploads) the missing items: back to "Mới đăng ký" for a new decision.

    An incomplete supplement is refused unless ``accept_incomplete`` with a ``note`` (``supplements``).
    """
    ctx = begin(dossier, "resubmit", actor=actor, expected_version=expected_version, now=now, acting=acting)
    gaps = supplements.check_complete(
        ctx.dossier, components, accept_incomplete=accept_incomplete, note=note, role=ctx.role
    )
    add_components(ctx.dossier, components, user=actor, now=ctx.now)
    ctx.dossier.supplement_requests.filter(fulfilled_at=None).update(fulfilled_at=ctx.now)
    ctx.dossier.supplement_stage = ""
    return finish(ctx, note=note, data=gaps)


@performs("refuse_at_intake")
@transaction.atomic
def refuse_at_intake(
    dossier: Dossier | int,
    *,
    actor: User,
    reason: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Refuse to receive (not within competence, not a TTHC…) with the reasons (Form 03)."""
    _require_reason(reason)
    return _refuse_at_intake(
        begin(dossier, "refuse_at_intake", actor=actor, expected_version=expected_version, now=now, acting=acting),
        reason,
    )


def _refuse_at_intake(ctx: ActionContext, reason: str) -> Dossier:
    ctx.dossier.outcome_reason = reason.strip()
    ctx.dossier.closed_at = ctx.now
    notify_applicant(ctx.dossier.pk, "refused_at_intake")
    return finish(ctx, note=reason.strip())


def _require_reason(reason: str) -> None:
    require(reason and reason.strip(), "reason", "Cần ghi rõ lý do từ chối tiếp nhận.")
