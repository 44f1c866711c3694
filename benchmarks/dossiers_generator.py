"""Bulk generation of realistic dossiers for the benchmarks (run by ``dossiers_generate.py N``).

This bypasses the services on purpose: it writes rows with ``bulk_create`` to reach 10⁵–10⁶
dossiers in minutes. It lives with the benchmarks, outside the product package, so no deployment
ships it; import it only once Django is set up (``dossiers_common.setup()``). The data follow the
catalogue in the database (procedures, competent agencies, internal processes) and the working
calendar: codes are unique (the daily counters are moved past the generated numbers), due moments
are computed on the working-time clock, statuses follow a plausible mix, and each dossier gets its
steps and a few history events. The mix is drawn from a seeded generator, so a run is reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from motcua.accounts.models import Applicant, ApplicantKind, Role
from motcua.catalogue.models import ProcedureVersion
from motcua.catalogue.selectors import effective_time, process_for
from motcua.core.text import fold
from motcua.dossiers import deadlines
from motcua.dossiers.constants import Channel, Status, StepKind, StepState
from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierEvent, DossierStep
from motcua.organisations.models import Agency, AgencyKind
from motcua.workdays.clock import WorkingCalendar
from motcua.workdays.constants import VIETNAM_TZ

# Status mix of dossiers received in the last RECENT_DAYS days, and of older ones (almost all closed):
# the open inboxes then hold a few weeks of work, as in an office, not a year of it.
RECENT_DAYS = 20
RECENT_MIX: list[tuple[int, float]] = [
    (Status.SUBMITTED, 0.06),
    (Status.ACCEPTED, 0.10),
    (Status.REFUSED_AT_INTAKE, 0.03),
    (Status.PROCESSING, 0.35),
    (Status.SUPPLEMENT_REQUESTED, 0.06),
    (Status.FINANCIAL_OBLIGATION, 0.02),
    (Status.WITHDRAWN, 0.02),
    (Status.STOPPED, 0.02),
    (Status.RESOLVED, 0.12),
    (Status.RETURNED, 0.22),
]
OLD_MIX: list[tuple[int, float]] = [
    (Status.REFUSED_AT_INTAKE, 0.03),
    (Status.STOPPED, 0.02),
    (Status.RESOLVED, 0.01),
    (Status.RETURNED, 0.94),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hồng", "Quang", "Ngọc", "Thanh", "Hữu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc"]
BATCH = 5000


@dataclass
class Route:
    version: ProcedureVersion
    receiving: Agency
    competent: Agency
    value: Decimal | None
    unit: str
    steps: list[tuple[str, int, str, int]]  # (name, agency id, role, duration hours)


def _routes() -> list[Route]:
    centres = list(Agency.objects.filter(kind=AgencyKind.SERVICE_CENTRE, is_active=True))
    routes: list[Route] = []
    versions = ProcedureVersion.objects.select_related("procedure").prefetch_related("competent_agencies")
    for version in versions:
        value, unit = effective_time(version)
        if not unit:  # an information-only procedure: no time limit, no dossiers to process
            continue
        for competent in version.competent_agencies.all():
            local = [c for c in centres if c.administrative_unit_id == competent.administrative_unit_id] or centres
            receiving = local[0] if local else competent
            process = process_for(version, competent)
            steps = []
            for step in process.steps.all() if process else []:
                agency = step.agency or (receiving if step.role == Role.ONE_STOP_OFFICER else competent)
                hours = int(step.duration_value * (8 if step.duration_unit == "working_days" else 1))
                steps.append((step.name, agency.pk, step.role, max(hours, 1)))
            if not steps:
                steps = [("Thẩm định, giải quyết hồ sơ", competent.pk, Role.SPECIALIST, 8)]
            routes.append(Route(version, receiving, competent, value, unit, steps))
    if not routes:
        raise RuntimeError("No procedure with a competent agency: load the catalogue (manage.py load_demo) first.")
    return routes


def _applicants(rng: random.Random, count: int) -> list[Applicant]:
    prefix = "0261"  # province 026, century/gender digit 1; then year of birth and 6 digits
    taken = Applicant.objects.filter(id_number__startswith=prefix).aggregate(m=Max("id_number"))["m"]
    start = int(taken[len(prefix) :]) + 1 if taken else 1
    rows = []
    for n in range(start, start + count):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        rows.append(
            Applicant(
                kind=ApplicantKind.CITIZEN,
                full_name=name,
                name_folded=fold(name),
                id_number=f"{prefix}{n:08d}",
                phone=f"09{n % 100_000_000:08d}",
                address="Tỉnh Phú Thọ",
            )
        )
    return Applicant.objects.bulk_create(rows, batch_size=BATCH)


class Sequencer:
    """Dossier codes per (receiving agency, day), continuing after the stored counters."""

    def __init__(self) -> None:
        self.values: dict[tuple[int, date], int] = {
            (agency_id, day): value
            for agency_id, day, value in DossierCodeCounter.objects.values_list("agency_id", "day", "last_value")
        }
        self.changed: set[tuple[int, date]] = set()

    def next(self, agency: Agency, day: date) -> int:
        key = (agency.pk, day)
        self.values[key] = self.values.get(key, 0) + 1
        self.changed.add(key)
        return self.values[key]

    def save(self) -> None:
        rows = [DossierCodeCounter(agency_id=a, day=d, last_value=self.values[(a, d)]) for a, d in self.changed]
        DossierCodeCounter.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last_value"],
        )
        self.changed.clear()


def _working_moment(cal: WorkingCalendar, rng: random.Random, day: date) -> datetime:
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    offset = rng.randrange(8 * 60)  # a minute of the office day (07:30–11:30, 13:00–17:00)
    if offset < 4 * 60:
        return datetime.combine(day, time(7, 30), tzinfo=VIETNAM_TZ) + timedelta(minutes=offset)
    return datetime.combine(day, time(13, 0), tzinfo=VIETNAM_TZ) + timedelta(minutes=offset - 4 * 60)


def generate(
    count: int, *, days: int = 365, seed: int = 2026, now: datetime, progress: Callable[[int], None] | None = None
) -> int:
    """Create ``count`` dossiers received over the ``days`` before ``now``. Returns the number created."""
    rng = random.Random(seed + Dossier.objects.count())
    cal = deadlines.calendar(now)
    routes = _routes()
    applicants = _applicants(rng, max(1, min(count // 4, 50_000)))
    sequencer = Sequencer()
    today = now.astimezone(VIETNAM_TZ).date()
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        with transaction.atomic():
            _batch(size, rng, cal, routes, applicants, days, sequencer, today, now)
            sequencer.save()
        done += size
        if progress:
            progress(done)
    return done


def _batch(
    size: int,
    rng: random.Random,
    cal: WorkingCalendar,
    routes: list[Route],
    applicants: list[Applicant],
    days: int,
    sequencer: Sequencer,
    today: date,
    now: datetime,
) -> None:
    dossiers: list[Dossier] = []
    plans: list[tuple[Route, int]] = []
    for _ in range(size):
        route = rng.choice(routes)
        age = rng.randint(0, days)
        mix = RECENT_MIX if age <= RECENT_DAYS else OLD_MIX
        status = rng.choices([m[0] for m in mix], [m[1] for m in mix])[0]
        applicant = rng.choice(applicants)
        submitted = min(_working_moment(cal, rng, today - timedelta(days=age)), now - timedelta(minutes=1))
        day = submitted.astimezone(VIETNAM_TZ).date()
        dossier = Dossier(
            code=f"{route.receiving.identifier_code}-{day:%y%m%d}-{sequencer.next(route.receiving, day):04d}",
            status=status,
            procedure_id=route.version.procedure_id,
            procedure_version=route.version,
            applicant=applicant,
            applicant_name=applicant.full_name,
            applicant_name_folded=fold(applicant.full_name),
            applicant_phone=applicant.phone,
            applicant_id_number=applicant.id_number,
            applicant_address=applicant.address,
            summary=route.version.procedure.name[:1000],
            channel=rng.choices([Channel.COUNTER, Channel.ONLINE, Channel.POSTAL], [0.6, 0.37, 0.03])[0],
            receiving_agency=route.receiving,
            competent_agency=route.competent,
            created_at=submitted,
            submitted_at=submitted,
        )
        if status not in (Status.SUBMITTED, Status.REFUSED_AT_INTAKE):
            _accept(dossier, route, cal, submitted, rng, now)
        else:
            dossier.closed_at = submitted if status == Status.REFUSED_AT_INTAKE else None
        dossiers.append(dossier)
        plans.append((route, status))
    Dossier.objects.bulk_create(dossiers, batch_size=BATCH)
    steps: list[DossierStep] = []
    events: list[DossierEvent] = []
    for dossier, (route, status) in zip(dossiers, plans, strict=True):
        events.append(_event(dossier, "register", dossier.submitted_at, None, Status.SUBMITTED))
        if dossier.accepted_at:
            events.append(_event(dossier, "accept", dossier.accepted_at, Status.SUBMITTED, Status.ACCEPTED))
            steps.extend(_steps(dossier, route, status, cal))
        if status != Status.ACCEPTED and status != Status.SUBMITTED:
            events.append(
                _event(dossier, "forward", dossier.resolved_at or dossier.accepted_at, Status.ACCEPTED, status)
            )
    DossierStep.objects.bulk_create(steps, batch_size=BATCH)
    DossierEvent.objects.bulk_create(events, batch_size=BATCH)


def _accept(
    dossier: Dossier, route: Route, cal: WorkingCalendar, at: datetime, rng: random.Random, now: datetime
) -> None:
    dossier.accepted_at = dossier.clock_started_at = at
    dossier.time_value, dossier.time_unit = route.value, route.unit
    dossier.due_at = deadlines.dossier_due(cal, at, route.value, route.unit)
    if dossier.status in (Status.RESOLVED, Status.RETURNED):
        # Most results come before the due moment; some late.
        factor = rng.choice([0.3, 0.5, 0.8, 0.95, 1.0, 1.3])
        resolved = at + (dossier.due_at - at) * factor
        dossier.resolved_at = min(resolved, now - timedelta(minutes=1))
        dossier.outcome = "granted"
        dossier.approved_at = dossier.resolved_at
        dossier.timing = deadlines.classify(dossier.resolved_at, dossier.due_at)
        if dossier.status == Status.RETURNED:
            dossier.returned_at = dossier.closed_at = min(dossier.resolved_at + timedelta(hours=2), now)
            dossier.return_method = "counter"
    elif dossier.status in (Status.STOPPED, Status.WITHDRAWN):
        dossier.closed_at = at + timedelta(hours=4) if dossier.status == Status.STOPPED else None
    elif dossier.status == Status.SUPPLEMENT_REQUESTED:
        dossier.supplement_stage = "processing"


def _steps(dossier: Dossier, route: Route, status: int, cal: WorkingCalendar) -> list[DossierStep]:
    at = dossier.accepted_at
    assert at is not None
    plans = [deadlines.StepPlan(Decimal(h), "working_hours") for _, _, _, h in route.steps]
    dues = deadlines.plan_steps(cal, at, plans)
    first_open_step: dict[int, int] = {
        Status.ACCEPTED: 1,
        Status.PROCESSING: 2,
        Status.SUPPLEMENT_REQUESTED: 2,
        Status.FINANCIAL_OBLIGATION: 3,
        Status.WITHDRAWN: 2,
    }
    finished_upto = first_open_step.get(status, len(route.steps))
    rows = []
    for index, ((name, agency_id, role, hours), due) in enumerate(zip(route.steps, dues, strict=True), start=1):
        if status in (Status.RESOLVED,) and index == len(route.steps):
            state = StepState.ACTIVE
        elif status == Status.STOPPED and index > 1:
            state = StepState.CANCELLED
        elif index < finished_upto or status in (Status.RETURNED,):
            state = StepState.DONE
        elif index == finished_upto:
            state = StepState.ACTIVE
        else:
            state = StepState.PENDING
        finished = due if state == StepState.DONE else None
        rows.append(
            DossierStep(
                dossier=dossier,
                kind=StepKind.PROCESS,
                order=index,
                name=name,
                agency_id=agency_id,
                role=role,
                duration_value=Decimal(hours),
                duration_unit="working_hours",
                state=state,
                started_at=at if state != StepState.PENDING else None,
                due_at=due,
                finished_at=finished,
                timing="on_time" if finished else "",
                routed=agency_id not in (dossier.receiving_agency_id, dossier.competent_agency_id),
            )
        )
    return rows


def _event(dossier: Dossier, action: str, at: datetime | None, before: int | None, after: int) -> DossierEvent:
    return DossierEvent(
        dossier=dossier,
        occurred_at=at or dossier.created_at,
        action=action,
        status_before=before,
        status_after=after,
        agency_id=dossier.receiving_agency_id,
        data={},
    )
