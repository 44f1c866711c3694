"""Display rows for the dossier page: the process timeline with time states, and the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers import events
from motcua.dossiers.constants import StepState, status_label
from motcua.dossiers.models import DossierEvent, DossierStep
from motcua.workdays.clock import WorkingCalendar, add_working_time

TIME_LABELS = {
    "early": gettext_lazy("Trước hạn"),
    "on_time": gettext_lazy("Đúng hạn"),
    "late": gettext_lazy("Trễ hạn"),
    "soon": gettext_lazy("Sắp đến hạn"),
    "running": gettext_lazy("Trong hạn"),
}


@dataclass(frozen=True)
class StepRow:
    step: DossierStep
    time_state: str  # early | on_time | late (finished); running | soon | late (active); "" otherwise

    @property
    def time_label(self) -> str:
        return str(TIME_LABELS.get(self.time_state, ""))

    @property
    def css(self) -> str:
        if self.step.state == StepState.ACTIVE:
            return "is-current"
        return "is-done" if self.step.state == StepState.DONE else ""


def step_time_state(step: DossierStep, now: datetime, soon: datetime) -> str:
    if step.state in (StepState.DONE, StepState.RETURNED):
        return step.timing or ""
    if step.state != StepState.ACTIVE or step.due_at is None:
        return ""
    if step.due_at < now:
        return "late"
    return "soon" if step.due_at <= soon else "running"


def step_rows(steps: list[DossierStep], now: datetime, calendar: WorkingCalendar) -> list[StepRow]:
    soon = add_working_time(calendar, now, days=Decimal(1))
    return [StepRow(step, step_time_state(step, now, soon)) for step in steps]


@dataclass(frozen=True)
class EventRow:
    event: DossierEvent
    label: str
    status_after: str


def action_label(action: str) -> str:
    # The labels are the engine's (dossiers.events); the back office's catalogue carries their English
    # (vocabulary.py).
    return _(events.label(action))


def event_rows(events: list[DossierEvent], outcome: str = "") -> list[EventRow]:
    """``outcome``: the dossier's; after a refusal, "resolved"/"returned" read as the refusal they are."""
    rows = []
    for event in events:
        after = status_label(event.status_after, outcome) if event.status_after is not None else ""
        rows.append(EventRow(event, action_label(event.action), after))
    return rows
