"""The dossier's steps: copying the internal process at acceptance, moving along it, re-planning.

Helpers for the action services; they assume the dossier row is locked by the caller.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from motcua.accounts.models import Role, User
from motcua.dossiers import deadlines
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep, Handover

# Planning only reads, so it lives outside the services (the demo's history uses it too).
from motcua.dossiers.planning import DEFAULT_STEP_NAME as DEFAULT_STEP_NAME
from motcua.dossiers.planning import plan as plan
from motcua.dossiers.planning import schedule
from motcua.organisations.models import Agency
from motcua.workdays.clock import WorkingCalendar


def replan_open(dossier: Dossier, cal: WorkingCalendar, start: datetime) -> None:
    """Restart the schedule of the steps not finished yet from ``start`` (clock restart)."""
    rows = list(
        dossier.steps.filter(kind=StepKind.PROCESS, state__in=[StepState.PENDING, StepState.ACTIVE]).order_by(
            "order", "pk"
        )
    )
    schedule(cal, start, rows)
    DossierStep.objects.bulk_update(rows, ["due_at"])


def shift_open(dossier: Dossier, cal: WorkingCalendar, paused: timedelta, *, process_only: bool = False) -> None:
    """Push back the due moments of unfinished steps by ``paused`` working time (a pause, an extension).

    ``process_only``: leave consultations and inter-level transfers on the deadlines given to them.
    """
    open_steps = dossier.steps.filter(state__in=[StepState.PENDING, StepState.ACTIVE]).exclude(due_at=None)
    if process_only:
        open_steps = open_steps.filter(kind=StepKind.PROCESS)
    rows = list(open_steps)
    for row in rows:
        row.due_at = deadlines.shifted(cal, row.due_at, paused)  # type: ignore[arg-type]
    DossierStep.objects.bulk_update(rows, ["due_at"])


def active_process_steps(dossier: Dossier) -> list[DossierStep]:
    return list(
        dossier.steps.filter(kind=StepKind.PROCESS, state=StepState.ACTIVE)
        .select_related("agency")
        .order_by("order", "pk")
    )


def step_for_actor(dossier: Dossier, user: User | None, agency_ids: set[int]) -> DossierStep:
    """The active step the actor works on: theirs if assigned, else one at their agency, else the first."""
    steps = active_process_steps(dossier)
    for step in steps:
        if user is not None and step.handler_id == user.pk:
            return step
    for step in steps:
        if step.agency_id in agency_ids:
            return step
    return steps[0]


def start(step: DossierStep, now: datetime, handler: User | None = None) -> None:
    """Make a step active (in memory; the caller saves)."""
    step.state = StepState.ACTIVE
    step.started_at = now
    if handler is not None:
        step.handler, step.assigned_at = handler, now


def next_group(process_steps: list[DossierStep], after_order: int) -> list[DossierStep]:
    """The pending step after ``after_order`` (with its parallel siblings), or none while one is active.

    ``process_steps`` are the dossier's unfinished process steps sorted by (order, pk).
    """
    if any(s.state == StepState.ACTIVE for s in process_steps):
        return []
    pending = [s for s in process_steps if s.state == StepState.PENDING]
    nxt = next((s for s in pending if s.order > after_order), None)
    if nxt is None:
        return []
    if nxt.parallel_group:
        return [s for s in pending if s.parallel_group == nxt.parallel_group]
    return [nxt]


def activate_next(dossier: Dossier, after_order: int, now: datetime, handler: User | None = None) -> list[DossierStep]:
    """Activate the next pending step (and its parallel siblings) once no process step is active."""
    unfinished = list(
        dossier.steps.filter(kind=StepKind.PROCESS, state__in=[StepState.ACTIVE, StepState.PENDING]).order_by(
            "order", "pk"
        )
    )
    group = next_group(unfinished, after_order)
    for step in group:
        start(step, now, handler if len(group) == 1 else None)
        step.save(update_fields=["state", "started_at", "handler", "assigned_at"])
    return group


def finish_step(
    step: DossierStep,
    now: datetime,
    *,
    user: User | None,
    state: str = StepState.DONE,
    answer: str = "",
    to_agency: Agency | None = None,
    to_label: str = "",
    note: str = "",
) -> Handover:
    """End a step, classify it early/on time/late and record the hand-over (a Form 06 line)."""
    close(step, now, user=user, state=state, answer=answer)
    step.save(update_fields=["state", "finished_at", "timing", "handler", "answer"])
    return hand_over(step, now, user=user, to_agency=to_agency, to_label=to_label, note=note)


def close(
    step: DossierStep, now: datetime, *, user: User | None, state: str = StepState.DONE, answer: str = ""
) -> None:
    """End a step in memory: state, moment, early/on time/late, and who did it if nobody was assigned."""
    step.state = state
    step.finished_at = now
    step.timing = deadlines.classify(now, step.due_at)
    if user is not None and step.handler_id is None and state == StepState.DONE:
        step.handler = user
    if answer:
        step.answer = answer


def hand_over(
    step: DossierStep,
    now: datetime,
    *,
    user: User | None,
    to_agency: Agency | None = None,
    to_label: str = "",
    note: str = "",
) -> Handover:
    """The hand-over line of a finished (saved) step."""
    return Handover.objects.create(
        dossier=step.dossier,
        step=step,
        at=now,
        from_user=user,
        from_agency_id=step.agency_id,
        to_agency=to_agency,
        to_label=to_label,
        step_due_at=step.due_at,
        timing=step.timing,
        note=note,
    )


def open_side_step(
    dossier: Dossier,
    *,
    kind: str,
    agency: Agency,
    name: str,
    content: str,
    now: datetime,
    due_at: datetime,
    order: int,
    duration_value: Decimal,
) -> DossierStep:
    """A consultation or an inter-level transfer: active at once with its own deadline."""
    return DossierStep.objects.create(
        dossier=dossier,
        kind=kind,
        order=order,
        name=name,
        agency=agency,
        role=Role.SPECIALIST,
        duration_value=duration_value,
        duration_unit="working_days",
        state=StepState.ACTIVE,
        started_at=now,
        due_at=due_at,
        content=content,
        routed=agency.pk not in (dossier.receiving_agency_id, dossier.competent_agency_id),
    )


def close_all(dossier: Dossier, now: datetime, user: User | None, *, cancel: bool) -> None:
    """Finish (or cancel) every open step: the dossier is resolved, returned or stopped."""
    for step in dossier.steps.filter(state__in=[StepState.ACTIVE, StepState.PENDING]).select_related("agency"):
        if cancel or step.state == StepState.PENDING:
            step.state = StepState.CANCELLED
            step.save(update_fields=["state"])
        else:
            finish_step(step, now, user=user)
