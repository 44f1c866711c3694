"""Deadline reminders: dossiers and steps due within the alert window (1 working day) or overdue.

The handler of each step (or, when nobody is assigned, the officials holding the step's role
at its agency) and the one-stop officers of the receiving unit are told once per day and
thing: a ``DeadlineAlert`` row per (dossier, step, kind, day) makes the scan idempotent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from motcua.accounts import roles
from motcua.accounts.models import Role
from motcua.dossiers import deadlines
from motcua.dossiers.actors import officials
from motcua.dossiers.constants import CLOCK_RUNNING_STATUSES, Status, StepState
from motcua.dossiers.formatting import vn_datetime
from motcua.dossiers.models import DeadlineAlert, Dossier, DossierStep
from motcua.notifications.services import notify
from motcua.workdays.clock import add_working_time
from motcua.workdays.constants import VIETNAM_TZ

DUE_SOON = "due_soon"
OVERDUE = "overdue"


@dataclass
class ScanResult:
    dossiers: int = 0
    steps: int = 0
    messages: int = 0
    lines_by_email: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def as_dict(self) -> dict[str, int]:
        return {"dossiers": self.dossiers, "steps": self.steps, "messages": self.messages}


def _first_time(dossier_id: int, step_id: int | None, kind: str, now: datetime) -> bool:
    """Record the alert; False when it was already sent today (unique constraint)."""
    try:
        with transaction.atomic():
            DeadlineAlert.objects.create(
                dossier_id=dossier_id, step_id=step_id, kind=kind, day=now.astimezone(VIETNAM_TZ).date()
            )
        return True
    except IntegrityError:
        return False


def _officials(agency_id: int, roles: list[str]) -> list[str]:
    return list(officials(agency_id, roles).exclude(email="").values_list("email", flat=True))


def _line(kind: str, code: str, what: str, due: datetime) -> str:
    label = "QUÁ HẠN" if kind == OVERDUE else "sắp đến hạn"
    return f"- {code}: {what} {label} (hạn {vn_datetime(due)})"


def scan(now: datetime) -> ScanResult:
    """Find what is due within the window or overdue, record it, and mail each official one digest."""
    cal = deadlines.calendar(now)
    horizon = add_working_time(cal, now, hours=settings.DOSSIER_ALERT_HOURS)
    result = ScanResult()
    dossiers = Dossier.objects.filter(status__in=list(CLOCK_RUNNING_STATUSES), due_at__lte=horizon).only(
        "pk", "code", "due_at", "receiving_agency_id", "competent_agency_id"
    )
    for dossier in dossiers.iterator():
        assert dossier.due_at is not None  # noqa: S101 - filtered above
        kind = OVERDUE if dossier.due_at < now else DUE_SOON
        if not _first_time(dossier.pk, None, kind, now):
            continue
        result.dossiers += 1
        line = _line(kind, dossier.code or "", "hồ sơ", dossier.due_at)
        for email in _officials(dossier.receiving_agency_id, list(roles.ONE_STOP)):
            result.lines_by_email[email].append(line)
        for email in _officials(dossier.competent_agency_id, list(roles.HEADS)):
            result.lines_by_email[email].append(line)
    steps = DossierStep.objects.filter(
        state=StepState.ACTIVE,
        due_at__lte=horizon,
        dossier__status__in=[Status.ACCEPTED, Status.PROCESSING],
    ).select_related("dossier", "handler")
    for step in steps.iterator():
        assert step.due_at is not None  # noqa: S101
        kind = OVERDUE if step.due_at < now else DUE_SOON
        if not _first_time(step.dossier_id, step.pk, kind, now):
            continue
        result.steps += 1
        line = _line(kind, step.dossier.code or "", f"bước “{step.name}”", step.due_at)
        if step.handler is not None and step.handler.email:
            recipients = [step.handler.email]
        else:
            recipients = _officials(step.agency_id, [step.role])
        for email in recipients + _officials(step.dossier.receiving_agency_id, [Role.ONE_STOP_OFFICER]):
            result.lines_by_email[email].append(line)
    for email, lines in result.lines_by_email.items():
        notify(
            subject=f"Nhắc hạn xử lý hồ sơ ({len(lines)})",
            body="Các hồ sơ, bước xử lý sắp đến hạn hoặc đã quá hạn:\n\n" + "\n".join(sorted(set(lines))),
            emails=[email],
            topic="dossier.deadline_alert",
        )
        result.messages += 1
    return result
