"""A dossier's steps as planned from its competent agency's internal process: unsaved rows with their
due moments on the working-time clock. Pure reading (no row is written here): the action services save
them at acceptance, and the demo's history plans the same steps for the dossiers it writes in bulk.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from motcua.accounts.models import Role
from motcua.catalogue.constants import StepActorKind
from motcua.catalogue.selectors import process_template
from motcua.dossiers import deadlines
from motcua.dossiers.constants import StepKind
from motcua.dossiers.models import Dossier, DossierStep
from motcua.workdays.clock import WorkingCalendar

DEFAULT_STEP_NAME = "Thẩm định, giải quyết hồ sơ"


def _step_agency_id(dossier: Dossier, actor_kind: str, agency_id: int | None) -> int:
    if agency_id is not None:
        return agency_id
    if actor_kind == StepActorKind.ONE_STOP_UNIT:
        return dossier.receiving_agency_id
    return dossier.competent_agency_id


def plan(dossier: Dossier, cal: WorkingCalendar, start: datetime) -> list[DossierStep]:
    """The competent agency's internal process as pending steps with planned due moments, not saved yet.

    Without a published process the dossier gets one step at the competent agency lasting the
    whole time limit, so every dossier has something to act on. Acceptance sets the first states
    in memory and inserts the rows at once (one statement instead of an insert and updates).
    """
    template = process_template(dossier.procedure_version_id, dossier.competent_agency_id)
    rows = [
        DossierStep(
            dossier=dossier,
            kind=StepKind.PROCESS,
            order=step.order,
            name=step.name,
            agency_id=_step_agency_id(dossier, step.actor_kind, step.agency_id),
            role=step.role,
            parallel_group=step.parallel_group,
            duration_value=step.duration_value,
            duration_unit=step.duration_unit,
            skippable=step.skippable,
        )
        for step in template
    ]
    if not rows:
        rows.append(
            DossierStep(
                dossier=dossier,
                kind=StepKind.PROCESS,
                order=1,
                name=DEFAULT_STEP_NAME,
                agency_id=dossier.competent_agency_id,
                role=Role.SPECIALIST,
                duration_value=dossier.time_value or Decimal(0),
                duration_unit=dossier.time_unit,
            )
        )
    schedule(cal, start, rows)
    for row in rows:
        row.routed = row.agency_id not in (dossier.receiving_agency_id, dossier.competent_agency_id)
    return rows


def schedule(cal: WorkingCalendar, start: datetime, rows: list[DossierStep]) -> None:
    """Set each row's due moment: sequential steps chain, a parallel group shares its start."""
    plans = [deadlines.StepPlan(r.duration_value, r.duration_unit, r.parallel_group) for r in rows]
    for row, due in zip(rows, deadlines.plan_steps(cal, start, plans), strict=True):
        row.due_at = due
