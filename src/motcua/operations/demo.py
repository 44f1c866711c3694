"""A year of closed dossiers for the demo province, so the operations centre shows meaningful figures.

Written in bulk (as the benchmark generator does): a year of dossiers through the services would make
``make demo`` take minutes. Only *closed* dossiers older than two weeks are written (returned, refused,
withdrawn, stopped), with their due moments on the working-time clock and their ratings; the open work
of the last days comes from ``dossiers.demo`` through the services. A returned dossier has its internal
steps (``demo_steps``: where it became late, for the bottleneck views) but no history events: these rows
exist for the figures, and their dossier pages show the summary and the steps only.

Idempotent: the applicants it makes carry ID numbers starting with ``HISTORY_PREFIX``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import Applicant, ApplicantKind
from motcua.catalogue.constants import OnlineLevel
from motcua.catalogue.models import ProcedureVersion
from motcua.catalogue.selectors import effective_time
from motcua.core.text import fold
from motcua.dossiers import deadlines
from motcua.dossiers.constants import Channel, PaymentMethod, ReturnMethod, Satisfaction, Status
from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierStep, Rating
from motcua.operations import demo_steps, facts
from motcua.organisations.models import Agency, AgencyKind
from motcua.workdays.clock import WorkingCalendar
from motcua.workdays.constants import VIETNAM_TZ

HISTORY_PREFIX = "02599"
DAYS = 365
PER_DAY = 4  # about 1,000 working-day dossiers in a year: quick to write, enough for every figure
COMMENTS = {
    Satisfaction.VERY_SATISFIED: ["Cán bộ hướng dẫn tận tình, trả kết quả sớm.", "Nộp trực tuyến rất tiện."],
    Satisfaction.SATISFIED: ["Đúng hẹn.", "Thủ tục rõ ràng.", ""],
    Satisfaction.NOT_SATISFIED: ["Phải đi lại bổ sung nhiều lần.", "Trả kết quả chậm so với giấy hẹn."],
}


@dataclass(frozen=True)
class Route:
    version: ProcedureVersion
    receiving: Agency
    competent: Agency
    value: Decimal | None
    unit: str
    fee: int


def _routes() -> list[Route]:
    centres = list(Agency.objects.filter(kind=AgencyKind.SERVICE_CENTRE, is_active=True))
    routes = []
    versions = ProcedureVersion.objects.select_related("procedure").prefetch_related("competent_agencies", "fees")
    for version in versions:
        value, unit = effective_time(version)
        # Information-only procedures (the national file's, until a manager completes them) take no dossier.
        if version.information_only or not unit:
            continue
        fee = next((f.amount_vnd for f in version.fees.all() if f.amount_vnd), 0) or 0
        for competent in version.competent_agencies.all():
            local = [c for c in centres if c.administrative_unit_id == competent.administrative_unit_id] or centres
            routes.append(Route(version, local[0] if local else competent, competent, value, unit, fee))
    return routes


def _moment(cal: WorkingCalendar, rng: random.Random, day: date) -> datetime:
    offset = rng.randrange(8 * 60)
    start = time(7, 30) if offset < 240 else time(13, 0)
    return datetime.combine(day, start, tzinfo=VIETNAM_TZ) + timedelta(minutes=offset % 240)


def _channel(rng: random.Random, route: Route, age: int) -> str:
    online_share = 0.25 + 0.3 * (1 - age / DAYS)  # online filing grows through the year
    if route.version.online_level == OnlineLevel.NONE:
        online_share = 0
    return rng.choices([Channel.ONLINE, Channel.POSTAL, Channel.COUNTER], [online_share, 0.08, 0.9 - online_share])[0]


def _dossier(
    rng: random.Random,
    cal: WorkingCalendar,
    route: Route,
    applicant: Applicant,
    when: tuple[date, int],
    code: str,
    steps: dict[str, list[DossierStep]],
) -> Dossier:
    """One closed dossier of ``when`` (its day, and its age in days); a returned one's steps go to ``steps``."""
    day, age = when
    submitted = _moment(cal, rng, day)
    channel = _channel(rng, route, age)
    status = rng.choices(
        [Status.RETURNED, Status.REFUSED_AT_INTAKE, Status.WITHDRAWN, Status.STOPPED], [0.93, 0.03, 0.02, 0.02]
    )[0]
    d = Dossier(
        code=code,
        status=status,
        procedure_id=route.version.procedure_id,
        procedure_version=route.version,
        applicant=applicant,
        applicant_name=applicant.full_name,
        applicant_name_folded=fold(applicant.full_name),
        applicant_id_number=applicant.id_number,
        applicant_phone=applicant.phone,
        summary=route.version.procedure.name[:1000],
        channel=channel,
        receiving_agency=route.receiving,
        competent_agency=route.competent,
        created_at=submitted,
        submitted_at=submitted,
        fee_total_vnd=route.fee,
        has_digitised_components=rng.random() < 0.55 + 0.35 * (1 - age / DAYS),
        has_reused_components=rng.random() < 0.15,
    )
    if route.fee:
        online_pay = channel == Channel.ONLINE and rng.random() < 0.7
        d.payment_method, d.fees_paid = (PaymentMethod.ONLINE if online_pay else PaymentMethod.CASH), True
    if status == Status.REFUSED_AT_INTAKE:
        d.closed_at = submitted
        return d
    d.accepted_at = d.clock_started_at = submitted
    d.time_value, d.time_unit = route.value, route.unit
    d.due_at = deadlines.dossier_due(cal, submitted, route.value, route.unit)
    if status != Status.RETURNED:
        d.closed_at = submitted + timedelta(days=2) if status == Status.STOPPED else None
        return d
    late_share = 0.03 + 0.09 * age / DAYS  # fewer late results as the year goes on
    steps[code] = demo_steps.walk(rng, cal, d, late=rng.random() < late_share)
    d.outcome = "granted"
    d.returned_at = d.closed_at = (d.resolved_at or submitted) + timedelta(hours=rng.choice([1, 3, 24]))
    if channel == Channel.POSTAL:
        d.return_method = ReturnMethod.POSTAL
    elif channel == Channel.ONLINE and route.version.result_electronic_allowed:
        d.return_method = ReturnMethod.ELECTRONIC
    else:
        d.return_method = ReturnMethod.COUNTER
    return d


def _rating(rng: random.Random, d: Dossier) -> Rating | None:
    if d.returned_at is None or rng.random() > 0.4:
        return None
    weights = [0.2, 0.4, 0.4] if d.timing == "late" else [0.45, 0.5, 0.05]
    level = rng.choices(list(COMMENTS), weights)[0]
    return Rating(
        dossier=d, satisfaction=level, comment=rng.choice(COMMENTS[level]), rated_at=d.returned_at + timedelta(hours=2)
    )


def load(stdout: TextIO) -> None:
    """The year of history, then the aggregates recounted from every dossier of the demo (the rows
    written in bulk here and by the benchmark generator bypass the services that keep them)."""
    _history(stdout)
    written = facts.rebuild()
    stdout.write(f"Operations aggregates: {', '.join(f'{n} {table}' for table, n in written.items())} rows.\n")


def _history(stdout: TextIO) -> None:
    if Applicant.objects.filter(id_number__startswith=HISTORY_PREFIX).exists():
        stdout.write("Demo history: already present.\n")
        return
    routes = _routes()
    if not routes:
        stdout.write("Demo history: no procedure with a competent agency, skipped.\n")
        return
    rng = random.Random(2026)  # noqa: S311 - reproducible demo data, not a secret
    now = timezone.now()
    cal = deadlines.calendar(now)
    today = now.astimezone(VIETNAM_TZ).date()
    with transaction.atomic():
        applicants = Applicant.objects.bulk_create(
            Applicant(
                kind=ApplicantKind.CITIZEN,
                full_name=name,
                name_folded=fold(name),
                id_number=f"{HISTORY_PREFIX}{n:07d}",
                phone=f"0977{n:06d}",
                address="Tỉnh Phú Thọ",
            )
            for n, name in enumerate(
                f"{s} {m} {g}"
                for s in ("Nguyễn", "Trần", "Lê", "Phạm")
                for m in ("Văn", "Thị")
                for g in ("An", "Bình", "Hà", "Minh", "Lan")
            )
        )
        counters: dict[tuple[int, date], int] = {}
        dossiers = []
        steps: dict[str, list[DossierStep]] = {}
        for age in range(DAYS, 14, -1):
            day = today - timedelta(days=age)
            if not cal.is_working_day(day):
                continue
            for _ in range(rng.randint(PER_DAY - 2, PER_DAY + 2)):
                route = rng.choice(routes)
                key = (route.receiving.pk, day)
                counters[key] = counters.get(key, 0) + 1
                code = f"{route.receiving.identifier_code}-{day:%y%m%d}-{9000 + counters[key]:04d}"
                dossiers.append(_dossier(rng, cal, route, rng.choice(applicants), (day, age), code, steps))
        Dossier.objects.bulk_create(dossiers, batch_size=2000)
        for d in dossiers:
            for row in steps.get(d.code or "", []):
                row.dossier_id = d.pk
        DossierStep.objects.bulk_create([row for rows in steps.values() for row in rows], batch_size=2000)
        Rating.objects.bulk_create([r for d in dossiers if (r := _rating(rng, d)) is not None], batch_size=2000)
        # Codes were numbered from 9001 on those days: keep the counters past them.
        DossierCodeCounter.objects.bulk_create(
            [DossierCodeCounter(agency_id=a, day=d, last_value=9000 + n) for (a, d), n in counters.items()],
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last_value"],
        )
    made = sum(len(rows) for rows in steps.values())
    stdout.write(f"Demo history: {len(dossiers)} closed dossiers over the last {DAYS} days, {made} steps.\n")
