"""The figures counted over the dossiers themselves: drill-downs, and the recount the aggregates are
held to (``reconcile_operations``, the tests) and fall back on (``selectors.needs_dossiers``).

Nothing here writes. A figure group (the counters, a breakdown, the ratings, the processing times) is
one ``SELECT … COUNT(*) FILTER (WHERE …)`` over the dossiers of the scope touched by the period, never
a loop over dossiers. Conditions come from ``figures``, so a drill-down lists exactly what was counted.
Its cost grows with the dossiers of the period: pages read ``selectors`` (the aggregates) instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet

from motcua.dossiers.constants import OPEN_STATUS_VALUES, Channel, Satisfaction, Status
from motcua.dossiers.models import Dossier, Rating, SupplementRequest
from motcua.operations.figures import BY_KEY, CORE_KEYS, COUNTED, Window
from motcua.operations.rates import nearest_rank_index
from motcua.operations.scope import OpsScope
from motcua.organisations.models import UnitLevel
from motcua.workdays.constants import DurationUnit

# The dimensions a breakdown groups by: (key, the grouped column, the column naming the group).
DIMENSIONS: dict[str, tuple[str, str, str]] = {
    "agency": ("Cơ quan giải quyết", "competent_agency_id", "competent_agency__name"),
    "level": ("Cấp", "competent_agency__level", "competent_agency__level"),
    "sector": ("Lĩnh vực", "procedure__sector__code", "procedure__sector__name"),
    "procedure": ("Thủ tục", "procedure__code", "procedure__name"),
    "channel": ("Kênh nộp", "channel", "channel"),
}
# Figures read from other tables (supplement requests, ratings): their own query each.
SEPARATE = frozenset({"supplement_requested"})


@dataclass(frozen=True)
class Filters:
    """Narrowing of the figures; the agency narrows the scope itself (``scope.narrow``)."""

    level: str = ""
    sector: str = ""
    procedure: str = ""
    channel: str = ""

    def q(self, prefix: str = "") -> Q:
        condition = Q()
        if self.level:
            condition &= Q(**{f"{prefix}competent_agency__level": self.level})
        if self.sector:
            condition &= Q(**{f"{prefix}procedure__sector__code": self.sector})
        if self.procedure:
            condition &= Q(**{f"{prefix}procedure__code": self.procedure})
        if self.channel:
            condition &= Q(**{f"{prefix}channel": self.channel})
        return condition

    def query(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


def _touched(window: Window) -> Q:
    """Dossiers the period can count at all: an event of theirs falls in it, or they are open.

    Lets the database skip the years of closed dossiers instead of testing every condition on them.
    """
    touched = Q(status__in=OPEN_STATUS_VALUES)
    for column in ("submitted_at", "accepted_at", "resolved_at", "returned_at", "extended_at"):
        touched |= Q(**{f"{column}__gte": window.start, f"{column}__lt": window.end})
    return touched


def _base(scope: OpsScope, filters: Filters) -> QuerySet[Dossier]:
    return Dossier.objects.filter(scope.dossier_q()).filter(filters.q()).exclude(status=Status.DRAFT)


def _counters(window: Window, keys: tuple[str, ...]) -> dict[str, Count]:
    return {key: Count("pk", filter=BY_KEY[key].condition(window)) for key in keys}


def counts(scope: OpsScope, window: Window, filters: Filters) -> dict[str, int]:
    """Every dashboard counter of the scope and period: one aggregate query, plus one for supplements."""
    keys = tuple(f.key for f in COUNTED if f.key not in SEPARATE)
    row = _base(scope, filters).filter(_touched(window)).aggregate(**_counters(window, keys))
    result = {key: int(row[key] or 0) for key in keys}
    result["supplement_requested"] = supplement_requested(scope, window, filters)
    return result


def supplement_requested(scope: OpsScope, window: Window, filters: Filters) -> int:
    """Dossiers asked for a supplement in the period (read from the requests: a dossier asked on two days
    of a period counts once, which no sum of days could say)."""
    asked = SupplementRequest.objects.filter(
        Q(requested_at__gte=window.start, requested_at__lt=window.end),
        scope.dossier_q("dossier__"),
        filters.q("dossier__"),
    )
    return asked.values("dossier_id").distinct().count()


def breakdown(scope: OpsScope, window: Window, filters: Filters, dimension: str) -> list[dict[str, Any]]:
    """The core figures per group of ``dimension``: one ``GROUP BY`` query, busiest groups first."""
    _, column, name = DIMENSIONS[dimension]
    rows = (
        _base(scope, filters)
        .filter(_touched(window))
        .values(column, name)
        .annotate(**_counters(window, CORE_KEYS))
        .order_by()
    )
    out = []
    for row in rows:
        key, title = row.pop(column), row.pop(name, None)
        out.append({"key": key, "name": group_name(dimension, key, title), **row})
    return sorted(out, key=lambda r: (-r["received"], -r["resolved"], str(r["name"])))


def group_name(dimension: str, key: Any, title: Any) -> str:
    if dimension == "level":
        return str(UnitLevel(key).label) if key in UnitLevel.values else str(key)
    if dimension == "channel":
        return str(Channel(key).label) if key in Channel.values else str(key)
    return str(title or key)


@dataclass(frozen=True)
class ProcessingTime:
    """Processing time of the dossiers resolved in the period, from acceptance to resolution."""

    count: int
    average_days: float | None
    p90_days: float | None
    legal_days: float | None  # average statutory time of the same dossiers (working days)
    applied_days: float | None  # average time applied (the province's reduced time where it has one)


def _days(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 86_400, 1)


def processing_time(scope: OpsScope, window: Window, filters: Filters) -> ProcessingTime:
    """Average and p90 in calendar days (two queries: the averages, then the p90 row by its rank)."""
    duration = ExpressionWrapper(F("resolved_at") - F("accepted_at"), output_field=DurationField())
    rows = (
        _base(scope, filters)
        .filter(BY_KEY["resolved"].condition(window), accepted_at__isnull=False)
        .annotate(duration=duration)
    )
    in_days = Q(time_unit=DurationUnit.WORKING_DAYS)
    summary = rows.aggregate(
        n=Count("pk"),
        average=Avg("duration"),
        legal=Avg(
            "procedure_version__legal_time_value",
            filter=Q(procedure_version__legal_time_unit=DurationUnit.WORKING_DAYS),
        ),
        applied=Avg("time_value", filter=in_days),
    )
    count = int(summary["n"] or 0)
    index = nearest_rank_index(count, 0.9)
    p90 = None
    if index is not None:
        p90 = rows.order_by("duration").values_list("duration", flat=True)[index]
    return ProcessingTime(
        count=count,
        average_days=_days(_as_timedelta(summary["average"])),
        p90_days=_days(_as_timedelta(p90)),
        legal_days=None if summary["legal"] is None else round(float(summary["legal"]), 1),
        applied_days=None if summary["applied"] is None else round(float(summary["applied"]), 1),
    )


def _as_timedelta(value: Any) -> timedelta | None:
    """Durations come back as ``timedelta`` (PostgreSQL) or microseconds (SQLite averages)."""
    if value is None or isinstance(value, timedelta):
        return value
    return timedelta(microseconds=float(value))


@dataclass(frozen=True)
class Ratings:
    total: int
    by_level: dict[str, int]
    comments: list[dict[str, Any]] = field(default_factory=list)


def ratings(scope: OpsScope, window: Window, filters: Filters, *, comments: int = 20) -> Ratings:
    """Citizens' ratings in the period (one aggregate) and the latest comments (one query; none if 0)."""
    rated = Rating.objects.filter(
        Q(rated_at__gte=window.start, rated_at__lt=window.end), scope.dossier_q("dossier__"), filters.q("dossier__")
    )
    levels = {s.value: Count("pk", filter=Q(satisfaction=s.value)) for s in Satisfaction}
    row = rated.aggregate(total=Count("pk"), **levels)
    latest: list[dict[str, Any]] = []
    if comments:
        latest = [
            dict(row)
            for row in rated.exclude(comment="")
            .order_by("-rated_at")
            .values("dossier__code", "satisfaction", "comment", "rated_at", "dossier__procedure__name")[:comments]
        ]
    return Ratings(int(row["total"] or 0), {k: int(row[k] or 0) for k in levels}, latest)


def index_counts(scope: OpsScope, window: Window, filters: Filters) -> dict[str, int]:
    """What the Decision 766 index reads beyond the counters: procedures with fees and paid online,
    and the ratings (one query each)."""
    procedures = (
        _base(scope, filters)
        .filter(BY_KEY["with_fees"].condition(window))
        .aggregate(
            with_fees=Count("procedure_id", distinct=True),
            paid_online=Count("procedure_id", distinct=True, filter=BY_KEY["paid_online"].condition(window)),
        )
    )
    rated = ratings(scope, window, filters, comments=0)
    return {
        "procedures_with_fees": int(procedures["with_fees"] or 0),
        "procedures_paid_online": int(procedures["paid_online"] or 0),
        "ratings": rated.total,
        "ratings_not_satisfied": rated.by_level.get(Satisfaction.NOT_SATISFIED.value, 0),
    }


def per_agency_ratings(scope: OpsScope, window: Window, filters: Filters) -> dict[int, tuple[int, int]]:
    """(ratings, not satisfied) per competent agency: one ``GROUP BY`` query (for rankings)."""
    rows = (
        Rating.objects.filter(
            Q(rated_at__gte=window.start, rated_at__lt=window.end), scope.dossier_q("dossier__"), filters.q("dossier__")
        )
        .values("dossier__competent_agency_id")
        .annotate(n=Count("pk"), bad=Count("pk", filter=Q(satisfaction=Satisfaction.NOT_SATISFIED)))
        .order_by()
    )
    return {r["dossier__competent_agency_id"]: (r["n"], r["bad"]) for r in rows}


def drill(scope: OpsScope, window: Window, filters: Filters, key: str) -> QuerySet[Dossier]:
    """The dossiers behind one figure (``KeyError`` for an unknown figure)."""
    figure = BY_KEY[key]
    return _base(scope, filters).filter(figure.condition(window))


def monthly(scope: OpsScope, windows: list[Window], filters: Filters) -> list[dict[str, int]]:
    """Received, resolved and late per month of a year: one query with a counter per month and figure."""
    keys = ("received", "received_online", "resolved", "resolved_late")
    aggregates = {}
    for i, window in enumerate(windows):
        for key in keys:
            aggregates[f"{key}_{i}"] = Count("pk", filter=BY_KEY[key].condition(window))
    outer = Window(windows[0].start, windows[-1].end, windows[-1].now)
    row = _base(scope, filters).filter(_touched(outer)).aggregate(**aggregates) if windows else {}
    return [{key: int(row[f"{key}_{i}"] or 0) for key in keys} for i in range(len(windows))]
