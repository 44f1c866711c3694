"""Display rows for the dossier page: the process timeline with time states, and the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers import workflow
from motcua.dossiers.constants import Status, StepState
from motcua.dossiers.models import DossierEvent, DossierStep
from motcua.workdays.clock import WorkingCalendar, add_working_time

# History actions that are not workflow transitions (written by the engine's services directly).
EXTRA_LABELS = {
    "register": gettext_lazy("Ghi nhận hồ sơ (cấp mã)"),
    "create_draft": gettext_lazy("Tạo hồ sơ nháp"),
    "record_fee_payment": gettext_lazy("Ghi nhận nộp phí, lệ phí"),
    "adjust_fees": gettext_lazy("Điều chỉnh phí, lệ phí phải nộp"),
    "refund_fee": gettext_lazy("Hoàn trả phí, lệ phí"),
}

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
    transition = workflow.BY_NAME.get(action)
    # Transition labels are the engine's; the back office's catalogue carries their English (vocabulary.py).
    return _(transition.label) if transition else str(EXTRA_LABELS.get(action, action))


def event_rows(events: list[DossierEvent]) -> list[EventRow]:
    rows = []
    for event in events:
        after = Status(event.status_after).label if event.status_after is not None else ""
        rows.append(EventRow(event, action_label(event.action), after))
    return rows
