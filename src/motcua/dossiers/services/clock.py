"""Actions that move the clock: supplements (restart), financial obligation (pause), extension.

Clock rules (Decree 61/2018 Art. 19, Decree 118/2025):
- a supplement after appraisal is allowed within 3 working days of receipt; the time limit
  restarts from zero when the complete dossier arrives (the waiting time is kept as a pause
  interval for reports but does not shift the new due moment, which is recomputed);
- waiting for the applicant's financial obligation pauses the clock when the procedure version
  says so (``requires_financial_obligation_pause``); the due moments shift by the paused working time;
- an extension (Form 04) is issued at least 1 working day before the due moment, once; the process
  steps not finished yet move by the working time it adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.core.limits import check_amount_vnd
from motcua.dossiers import deadlines
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.constants import PauseKind, SupplementStage
from motcua.dossiers.inputs import ComponentData
from motcua.dossiers.models import Dossier, DossierPause
from motcua.dossiers.services import steps, supplements
from motcua.dossiers.services.base import ActionContext, begin, finish, require
from motcua.dossiers.services.dispatch import performs
from motcua.dossiers.services.received import add_components
from motcua.dossiers.services.supplements import new_supplement_request
from motcua.dossiers.tasks import notify_applicant
from motcua.workdays.clock import working_time_between


@performs("request_supplement")
@transaction.atomic
def request_supplement(
    dossier: Dossier | int,
    *,
    actor: User,
    items: Sequence[str],
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Not eligible after appraisal: one request listing every item (Form 02), via the one-stop unit."""
    ctx = begin(dossier, "request_supplement", actor=actor, expected_version=expected_version, now=now, acting=acting)
    request = new_supplement_request(ctx, SupplementStage.PROCESSING, items, note)
    DossierPause.objects.create(dossier=ctx.dossier, kind=PauseKind.SUPPLEMENT, started_at=ctx.now)
    notify_applicant(ctx.dossier.pk, "supplement_requested")
    return finish(ctx, note=note, data={"items": request.items})


def _restart(
    ctx: ActionContext,
    components: Sequence[ComponentData],
    user: User | None,
    note: str,
    *,
    accept_incomplete: bool = False,
) -> Dossier:
    """The complete supplement arrived (at the counter or online): the time limit restarts from zero."""
    dossier = ctx.dossier
    gaps = supplements.check_complete(
        dossier, components, accept_incomplete=accept_incomplete, note=note, role=ctx.role
    )
    add_components(dossier, components, user=user, now=ctx.now)
    dossier.supplement_requests.filter(fulfilled_at=None).update(fulfilled_at=ctx.now)
    dossier.pauses.filter(kind=PauseKind.SUPPLEMENT, ended_at=None).update(ended_at=ctx.now, stops_clock=False)
    dossier.supplement_stage = ""
    dossier.clock_started_at = ctx.now
    dossier.due_at = deadlines.dossier_due(ctx.env.calendar, ctx.now, dossier.time_value, dossier.time_unit)
    steps.replan_open(dossier, ctx.env.calendar, ctx.now)
    return finish(ctx, note=note, data={"due_at": dossier.due_at.isoformat() if dossier.due_at else None, **gaps})


@performs("receive_supplement")
@transaction.atomic
def receive_supplement(
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
    """The one-stop unit receives the complete supplement: the time limit restarts from zero.

    An incomplete one is refused unless ``accept_incomplete`` with a ``note`` (``supplements``).
    """
    ctx = begin(dossier, "receive_supplement", actor=actor, expected_version=expected_version, now=now, acting=acting)
    return _restart(ctx, components, actor, note, accept_incomplete=accept_incomplete)


@performs("submit_supplement")
@transaction.atomic
def submit_supplement(
    dossier: Dossier | int,
    *,
    actor: User,
    components: Sequence[ComponentData] = (),
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """The applicant sends the supplement online: same effect as receiving it at the counter."""
    ctx = begin(dossier, "submit_supplement", actor=actor, expected_version=expected_version, now=now, acting=acting)
    return _restart(ctx, components, actor, note)


@performs("request_financial_obligation")
@transaction.atomic
def request_financial_obligation(
    dossier: Dossier | int,
    *,
    actor: User,
    amount_vnd: int,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Ask the applicant to pay (e.g. land levy); pauses the clock if the procedure version says so."""
    check_amount_vnd(amount_vnd, field="amount_vnd", minimum=1)
    ctx = begin(
        dossier, "request_financial_obligation", actor=actor, expected_version=expected_version, now=now, acting=acting
    )
    DossierPause.objects.create(
        dossier=ctx.dossier,
        kind=PauseKind.FINANCIAL_OBLIGATION,
        started_at=ctx.now,
        stops_clock=ctx.dossier.procedure_version.requires_financial_obligation_pause,
        amount_vnd=amount_vnd,
    )
    notify_applicant(ctx.dossier.pk, "financial_obligation")
    return finish(ctx, note=note, data={"amount_vnd": amount_vnd})


@performs("confirm_payment")
@transaction.atomic
def confirm_payment(
    dossier: Dossier | int,
    *,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """The obligation is met: the pause ends and the due moments shift by the paused working time."""
    ctx = begin(dossier, "confirm_payment", actor=actor, expected_version=expected_version, now=now, acting=acting)
    pause = ctx.dossier.pauses.filter(kind=PauseKind.FINANCIAL_OBLIGATION, ended_at=None).first()
    paused = None
    if pause is not None:
        pause.ended_at = ctx.now
        pause.save(update_fields=["ended_at"])
        if pause.stops_clock:
            paused = working_time_between(ctx.env.calendar, pause.started_at, ctx.now)
            if ctx.dossier.due_at is not None:
                ctx.dossier.due_at = deadlines.shifted(ctx.env.calendar, ctx.dossier.due_at, paused)
            steps.shift_open(ctx.dossier, ctx.env.calendar, paused)
    hours = round(paused.total_seconds() / 3600, 2) if paused else 0
    return finish(ctx, note=note, data={"paused_working_hours": hours})


@performs("extend")
@transaction.atomic
def extend(
    dossier: Dossier | int,
    *,
    actor: User,
    new_due_at: datetime,
    reason: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Apology and extension letter (Form 04): a new due moment, once, ≥ 1 working day before the due."""
    require(reason and reason.strip(), "reason", "Cần nêu lý do chậm trễ.")
    require(new_due_at, "new_due_at", "Cần nhập ngày hẹn trả mới.")
    ctx = begin(dossier, "extend", actor=actor, expected_version=expected_version, now=now, acting=acting)
    current = ctx.dossier.due_at
    if current is None or new_due_at <= current:
        raise DomainError(
            "Ngày hẹn trả mới phải sau ngày hẹn hiện tại.",
            code="invalid",
            fields={"new_due_at": ["Ngày không hợp lệ."]},
        )
    ctx.dossier.due_before_extension = current
    ctx.dossier.due_at = new_due_at
    # The internal process keeps its shape: the steps not finished yet move by the working time
    # the extension adds, so the last step ends at the new due moment as it ended at the old one.
    steps.shift_open(
        ctx.dossier, ctx.env.calendar, working_time_between(ctx.env.calendar, current, new_due_at), process_only=True
    )
    ctx.dossier.extended_at = ctx.now
    ctx.dossier.extension_reason = reason.strip()
    notify_applicant(ctx.dossier.pk, "extended")
    return finish(
        ctx, note=reason.strip(), data={"previous_due_at": current.isoformat(), "new_due_at": new_due_at.isoformat()}
    )
