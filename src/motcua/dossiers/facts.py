"""The facts the workflow decides on: the dossier's state, who acts, and when.

Plain values, loaded by ``Dossier.snapshot()`` and ``context.actor_for``; the table
(``workflow.py``) and its guards (``guards.py``) read them and nothing else, so both are tested
without a database. ``workflow`` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from motcua.workdays.clock import WorkingCalendar

APPLICANT = "applicant"  # pseudo-role: the applicant owning the dossier (portal account)


@dataclass(frozen=True)
class ActiveStep:
    agency_id: int
    role: str
    handler_id: int | None


@dataclass(frozen=True)
class Snapshot:
    """What the workflow needs to know about a dossier (built by ``Dossier.snapshot()``)."""

    status: int
    receiving_agency_id: int | None = None
    competent_agency_id: int | None = None
    applicant_user_id: int | None = None
    supplement_stage: str = ""
    clock_started_at: datetime | None = None
    due_at: datetime | None = None
    extended: bool = False
    approved: bool = False
    has_result: bool = False
    rated: bool = False
    active_steps: tuple[ActiveStep, ...] = ()  # active steps of the internal process (parallel ones too)
    has_previous_step: bool = False
    has_next_step: bool = False
    open_consultation_agency_ids: frozenset[int] = frozenset()
    open_transfer_agency_ids: frozenset[int] = frozenset()

    @property
    def active_step(self) -> ActiveStep | None:
        return self.active_steps[0] if self.active_steps else None


@dataclass(frozen=True)
class Actor:
    """Who acts: a user with (agency, role) pairs, or the applicant owning the dossier."""

    user_id: int | None
    roles: frozenset[tuple[int, str]] = frozenset()
    is_superuser: bool = False

    def holds(self, agency_id: int | None, roles: frozenset[str]) -> bool:
        if agency_id is None:
            return False
        if self.is_superuser:
            return bool(roles - {APPLICANT})
        return any((agency_id, role) in self.roles for role in roles)


@dataclass(frozen=True)
class Env:
    now: datetime
    calendar: WorkingCalendar
