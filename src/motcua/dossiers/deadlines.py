"""Deadline arithmetic for dossiers and their steps, on the working-time clock of ``workdays``.

Pure functions over a :class:`WorkingCalendar` except :func:`calendar`, which loads the
province's calendar once per call site (services pass it down).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from motcua.workdays.clock import WorkingCalendar, add_working_time, classify_completion, due_for, working_time_between
from motcua.workdays.constants import VIETNAM_TZ, CompletionTiming, DurationUnit
from motcua.workdays.selectors import get_calendar, get_calendar_covering


def calendar(at: datetime | None = None) -> WorkingCalendar:
    """The province's working calendar (holidays, overrides, office hours), covering ``at``'s year."""
    if at is None:
        return get_calendar()
    return get_calendar_covering(at.astimezone(VIETNAM_TZ).date())


@dataclass(frozen=True)
class StepPlan:
    """A step to schedule: its duration and the parallel group it belongs to ('' = sequential)."""

    value: Decimal
    unit: str
    parallel_group: str = ""


def add_duration(cal: WorkingCalendar, start: datetime, value: Decimal | int, unit: str) -> datetime:
    """``start`` plus a step or procedure duration (working hours, working days or "same day")."""
    if unit == DurationUnit.WORKING_HOURS:
        return add_working_time(cal, start, hours=Decimal(value))
    if unit == DurationUnit.WORKING_DAYS:
        return add_working_time(cal, start, days=Decimal(value))
    return due_for(cal, start, value, unit)


def dossier_due(cal: WorkingCalendar, start: datetime, value: Decimal | None, unit: str) -> datetime:
    """Due moment of the dossier counted from ``start`` with the procedure version's time."""
    return due_for(cal, start, value if value is not None else 0, unit)


def plan_steps(cal: WorkingCalendar, start: datetime, steps: Sequence[StepPlan]) -> list[datetime]:
    """Due moment of each step: sequential steps chain, steps of one parallel group share a start.

    A parallel group (consecutive steps with the same non-empty ``parallel_group``) starts when
    the previous step is due; the next step starts when the slowest member of the group is due.
    """
    dues: list[datetime] = []
    cursor = start
    group_start = start
    group_end: datetime | None = None
    current_group = ""
    for step in steps:
        if step.parallel_group and step.parallel_group == current_group:
            due = add_duration(cal, group_start, step.value, step.unit)
            group_end = max(group_end or due, due)
        else:
            if group_end is not None:
                cursor = group_end
            group_start, group_end, current_group = cursor, None, step.parallel_group
            due = add_duration(cal, cursor, step.value, step.unit)
            if step.parallel_group:
                group_end = due
            else:
                cursor = due
        dues.append(due)
    return dues


def shifted(cal: WorkingCalendar, due: datetime, paused: timedelta) -> datetime:
    """A due moment pushed back by ``paused`` working time (a clock pause that ended)."""
    if paused <= timedelta():
        return due
    return add_working_time(cal, due, hours=Decimal(paused.total_seconds()) / 3600)


def classify(finished_at: datetime, due_at: datetime | None) -> str:
    """early / on_time / late, or '' when there was no due moment."""
    if due_at is None:
        return ""
    return str(classify_completion(finished_at, due_at))


def pauses_total(cal: WorkingCalendar, intervals: Iterable[tuple[datetime, datetime]]) -> timedelta:
    total = timedelta()
    for start, end in intervals:
        total += working_time_between(cal, start, end)
    return total


__all__ = ["CompletionTiming", "StepPlan", "add_duration", "calendar", "classify", "dossier_due", "plan_steps"]
