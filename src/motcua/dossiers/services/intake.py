"""Intake at the one-stop unit (counter or postal) and the reception decision.

``receive_dossier`` takes what the officer received (an :class:`IntakeRequest`), registers it
(status "Mới đăng ký", dossier code) and, by default, takes the reception decision at once: accept
(Form 01), ask for a supplement listing every missing item at once (Form 02) or refuse (Form 03).
Online dossiers arrive through ``online.submit_online`` and get the same decision through
``accept`` / ``request_supplement_at_intake`` / ``refuse_at_intake``.

The intake reads as a story: everything is checked before anything is written, then the dossier is
written in the order ``registration.registering`` keeps (see there why).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.db import transaction

from motcua.accounts.models import Applicant, Role, User
from motcua.catalogue.models import Procedure, ProcedureVersion
from motcua.catalogue.selectors import effective_time
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import deadlines, events, workflow
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.constants import Channel, PaymentMethod, ReturnMethod, SupplementStage
from motcua.dossiers.inputs import ComponentData as ComponentData  # what a service receives
from motcua.dossiers.models import Dossier, DossierEvent, DossierFee, DossierGroup, DossierStep
from motcua.dossiers.services import assignment, received, steps, supplements
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
from motcua.dossiers.services.received import add_components, require_mandatory_components
from motcua.dossiers.services.registration import new_dossier, registering
from motcua.dossiers.tasks import notify_applicant
from motcua.organisations.models import Agency

IntakeDecision = Literal["accept", "request_supplement", "refuse", "register"]

# The workflow action each reception decision fires ("register" fires none: the dossier waits).
INTAKE_DECISIONS = {
    "accept": "accept",
    "request_supplement": "request_supplement_at_intake",
    "refuse": "refuse_at_intake",
}


@dataclass(frozen=True)
class IntakeRequest:
    """What the one-stop officer received at the counter or by post, and what they decided.

    Built by the back office's intake form, the API's intake endpoint and the demo; checked by
    :func:`check_intake`, then written by :func:`receive_dossier`.
    """

    receiving_agency: Agency
    procedure: Procedure
    applicant: Applicant | ApplicantData
    components: Sequence[ComponentData] = ()
    # The procedure's version in force when the caller has read it already (checked again here).
    version: ProcedureVersion | None = None
    channel: str = Channel.COUNTER
    postal_shipment_number: str = ""
    # The fee rows an official entered; ``None``: the published rates of the channel.
    fees: Sequence[FeeData] | None = None
    payment_method: str = PaymentMethod.CASH
    fees_paid: bool = False
    # The exempt case the applicant proved (e.g. "Người thuộc hộ nghèo"): the fee rows that state
    # exempt cases are then charged 0, and the case is kept in the history.
    fee_exemption: str = ""
    result_delivery: str = ReturnMethod.COUNTER
    delivery_address: str = ""
    # Chosen by the officer when the procedure has several competent agencies (else routed).
    competent_agency: Agency | None = None
    summary: str = ""
    decision: IntakeDecision = "accept"
    supplement_items: Sequence[str] = ()
    reason: str = ""
    note: str = ""
    # The application of a procedure group this dossier is filed with (``services.groups``).
    group: DossierGroup | None = None


@transaction.atomic
def receive_dossier(request: IntakeRequest, *, actor: User, now: datetime | None = None) -> Dossier:
    """Record a dossier received at the counter or by post, then apply the reception decision."""
    moment = now_or(now)
    officer = check_intake(request, actor)
    applicant, shared_contact = resolve_applicant_checked(request.applicant, actor=actor)
    dossier = _in_memory(request, applicant, actor, moment)
    fee_rows = price(dossier, request.fees, request.payment_method, exempt=bool(dossier.fee_exemption))
    # The checklist is read once: to link what was received and to check acceptance against it.
    wanted = request.components or request.decision == "accept"
    catalogue = received.version_components(dossier) if wanted else []
    documents = received.check(dossier, request.components, catalogue=catalogue)
    if request.decision == "accept":
        require_mandatory_components(dossier, documents.rows, catalogue)
    with registering(dossier, moment):
        DossierFee.objects.bulk_create(fee_rows)
        received.write(documents, user=actor, now=moment)
        registered = _registration_event(dossier, request, actor, moment, shared_contact)
        _decide(dossier, request, registered, actor, officer, moment)
    return dossier


def check_intake(request: IntakeRequest, actor: User) -> workflow.Actor:
    """Refuse what cannot be received, before anything is written; the officer as the workflow sees them."""
    officer = actor_for(actor)
    agency = request.receiving_agency
    if not (agency.is_active and may_act_as(officer, agency.pk, Role.ONE_STOP_OFFICER)):
        raise PermissionDenied("Chỉ cán bộ Bộ phận Một cửa của nơi tiếp nhận mới được nhận hồ sơ.")
    if request.channel not in (Channel.COUNTER, Channel.POSTAL):
        raise DomainError("Hồ sơ trực tuyến được nộp qua Cổng dịch vụ công.", code="invalid", fields={"channel": []})
    if request.channel == Channel.POSTAL:
        require(request.postal_shipment_number, "postal_shipment_number", "Cần nhập số vận đơn bưu chính.")
    if request.decision != "register" and request.decision not in INTAKE_DECISIONS:
        raise DomainError("Quyết định tiếp nhận không hợp lệ.", code="invalid", fields={"decision": []})
    if request.decision == "refuse":
        _require_reason(request.reason)
    return officer


def _in_memory(request: IntakeRequest, applicant: Applicant, actor: User, now: datetime) -> Dossier:
    """The dossier as received, routed to its competent agency, not written yet."""
    dossier = new_dossier(
        procedure=request.procedure,
        applicant=applicant,
        receiving_agency=request.receiving_agency,
        channel=request.channel,
        now=now,
        competent_agency=request.competent_agency,
        summary=request.summary,
        version=request.version,
    )
    set_result_delivery(dossier, request.result_delivery, request.delivery_address)
    dossier.postal_shipment_number = request.postal_shipment_number
    dossier.received_by = actor
    dossier.fees_paid = request.fees_paid
    dossier.fee_exemption = request.fee_exemption.strip()[:500]
    dossier.group = request.group
    return dossier


def _registration_event(
    dossier: Dossier, request: IntakeRequest, actor: User, now: datetime, shared_contact: list[str]
) -> DossierEvent:
    return event(
        dossier,
        events.REGISTER,
        user=actor,
        now=now,
        note=request.note,
        role=Role.ONE_STOP_OFFICER,
        agency_id=request.receiving_agency.pk,
        data={
            "channel": request.channel,
            **fee_facts(dossier, dossier.fee_exemption),
            # The officer kept a contact on record for another identity, at the applicant's word.
            **({"contact_of_other_identity_confirmed": shared_contact} if shared_contact else {}),
        },
    )


def _decide(
    dossier: Dossier,
    request: IntakeRequest,
    registered: DossierEvent,
    actor: User,
    officer: workflow.Actor,
    now: datetime,
) -> None:
    """The reception decision, as its workflow action, recorded after the registration."""
    if request.decision == "register":
        registered.save()
        return
    action = INTAKE_DECISIONS[request.decision]
    ctx = begin_new(dossier, action, actor=actor, workflow_actor=officer, now=now, preceded_by=[registered])
    if request.decision == "accept":
        _accept(ctx, request.note)
    elif request.decision == "request_supplement":
        _request_supplement_at_intake(ctx, request.supplement_items, request.note)
    else:
        _refuse_at_intake(ctx, request.reason)


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
    request = supplements.new_supplement_request(ctx, SupplementStage.INTAKE, items, note)
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
