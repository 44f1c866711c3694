"""Reads of the operations centre: the dated figures from the maintained aggregates.

Each figure group is one aggregate over the rows of ``operations.models`` (agencies × days, whatever
the number of dossiers): the counters, a breakdown, the year by month, the processing time. What is
not dated is read from the dossiers at each request, cheaply: the dossiers in progress (only the open
ones, the partial index ``dossier_open_due``) and the dossiers asked for a supplement (the supplement
requests of the period). Drill-downs list the dossiers themselves (``scan.drill``), a page at a time.

A question the aggregates cannot answer exactly (a sector or a procedure over a custom period cut
inside a month, or a window that does not start at a local midnight) is answered by ``scan``, the same
figures counted over the dossiers: slower, never different.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from motcua.catalogue.models import Procedure
from motcua.dossiers.constants import OPEN_STATUS_VALUES, Channel
from motcua.dossiers.models import Dossier
from motcua.operations import scan
from motcua.operations.figures import BY_KEY, CORE_KEYS, Window
from motcua.operations.models import (
    BUCKETS,
    COUNTERS,
    FIGURE_COUNTERS,
    HISTOGRAM_EDGES,
    RATING_COUNTERS,
    AgencyMonthFact,
    DayFact,
    ProcedureMonthFact,
)
from motcua.operations.rates import nearest_rank_index
from motcua.operations.scan import DIMENSIONS, Filters, ProcessingTime, Ratings, drill, ratings
from motcua.operations.scope import OpsScope
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ

__all__ = [
    "DIMENSIONS",
    "Filters",
    "ProcessingTime",
    "Ratings",
    "breakdown",
    "counts",
    "drill",
    "index_counts",
    "monthly",
    "per_agency_ratings",
    "processing_time",
    "ratings",
    "summary",
]

OPEN_KEYS = ("in_progress", "in_progress_within", "in_progress_overdue")
DATED_CORE = tuple(k for k in CORE_KEYS if k not in OPEN_KEYS)
GROUPED = (*DATED_CORE, *RATING_COUNTERS)  # a breakdown row carries its ratings (rankings read them)
GROUPED_KEYS = (*CORE_KEYS, *RATING_COUNTERS)


def _day(moment: datetime) -> date | None:
    """The local day a window bound falls on, or ``None`` when it is not a local midnight."""
    local = moment.astimezone(VIETNAM_TZ)
    return local.date() if local.time() == time.min else None


def _month_start(day: date | None) -> bool:
    return day is not None and day.day == 1


def by_procedure(filters: Filters, dimension: str = "") -> bool:
    return bool(filters.sector or filters.procedure or dimension in ("sector", "procedure"))


def needs_dossiers(window: Window, filters: Filters, dimension: str = "") -> bool:
    """True when the aggregates cannot answer exactly (see the module's note)."""
    first, end = _day(window.start), _day(window.end)
    if first is None or end is None:
        return True
    return by_procedure(filters, dimension) and not (_month_start(first) and _month_start(end))


def _rows(scope: OpsScope, window: Window, filters: Filters, procedures: bool) -> QuerySet[Any]:
    """The rows of the scope, period and filters: by procedure (whole months, see ``needs_dossiers``),
    else per month when the period is made of whole months, else per day."""
    if procedures:
        model: type[Any] = ProcedureMonthFact
    elif _month_start(_day(window.start)) and _month_start(_day(window.end)):
        model = AgencyMonthFact
    else:
        model = DayFact
    manager: Any = model._default_manager  # the two grains share every column the filters use
    qs: QuerySet[Any] = manager.filter(day__gte=_day(window.start), day__lt=_day(window.end))
    if scope.agency_ids is not None:
        ids = sorted(scope.agency_ids)
        qs = qs.filter(Q(receiving_id__in=ids) | Q(competent_id__in=ids))
    if filters.level:
        qs = qs.filter(competent_id__in=Agency.objects.filter(level=filters.level).values("pk"))
    if filters.sector:
        qs = qs.filter(procedure_id__in=Procedure.objects.filter(sector__code=filters.sector).values("pk"))
    if filters.procedure:
        qs = qs.filter(procedure_id__in=Procedure.objects.filter(code=filters.procedure).values("pk"))
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    return qs


def _sums(names: tuple[str, ...]) -> dict[str, Sum]:
    return {name: Sum(name) for name in names}


def _open(scope: OpsScope, filters: Filters) -> QuerySet[Dossier]:
    return Dossier.objects.filter(scope.dossier_q()).filter(filters.q()).filter(status__in=OPEN_STATUS_VALUES)


def _open_counters(window: Window) -> dict[str, Count]:
    return {key: Count("pk", filter=BY_KEY[key].condition(window)) for key in OPEN_KEYS}


def counts(scope: OpsScope, window: Window, filters: Filters) -> dict[str, int]:
    """Every dashboard counter: the aggregates (1 query), the open dossiers (1), the supplements (1)."""
    if needs_dossiers(window, filters):
        return scan.counts(scope, window, filters)
    return summary(scope, window, filters).counts


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    processing: ProcessingTime
    ratings: tuple[int, int]  # (ratings, not satisfied) in the period
    months: list[dict[str, int]]


MONTH_KEYS = ("received", "received_online", "resolved", "resolved_late")


def summary(scope: OpsScope, window: Window, filters: Filters, months: list[Window] | None = None) -> Summary:
    """The counters, the processing time, the ratings and the months of ``months``: one query over the
    aggregates (the period's sums and a sum per month), then the open dossiers and the supplements.

    The caller checks ``needs_dossiers`` for the window and each month first.
    """
    months = months or []
    bounds = [window, *months]
    outer = Window(min(w.start for w in bounds), max(w.end for w in bounds), window.now)
    inside = None if outer.start == window.start and outer.end == window.end else _between(window)
    # Aliases apart from the column names: a later sum of a column would otherwise read the alias.
    aggregates: dict[str, Any] = {f"t_{name}": Sum(name, filter=inside) for name in COUNTERS}
    for i, month in enumerate(months):
        for key in MONTH_KEYS:
            aggregates[f"{key}_{i}"] = Sum(key, filter=_between(month))
    found = _rows(scope, outer, filters, by_procedure(filters)).aggregate(**aggregates)
    row = {name.removeprefix("t_"): value for name, value in found.items()}
    result = {key: int(row[key] or 0) for key in FIGURE_COUNTERS}
    opened = _open(scope, filters).aggregate(**_open_counters(window))
    result.update({key: int(opened[key] or 0) for key in OPEN_KEYS})
    result["supplement_requested"] = scan.supplement_requested(scope, window, filters)
    return Summary(
        counts=result,
        processing=_processing(row),
        ratings=(int(row["ratings"] or 0), int(row["ratings_not_satisfied"] or 0)),
        months=[{key: int(row[f"{key}_{i}"] or 0) for key in MONTH_KEYS} for i in range(len(months))],
    )


def _between(window: Window) -> Q:
    return Q(day__gte=_day(window.start), day__lt=_day(window.end))


def _groups(dimension: str, ids: set[Any]) -> dict[Any, tuple[Any, str]]:
    """The group (key, name) of each id the aggregates are grouped by."""
    if dimension in ("agency", "level"):
        agencies = Agency.objects.filter(pk__in=ids).values_list("pk", "name", "level")
        if dimension == "agency":
            return {pk: (pk, name) for pk, name, _ in agencies}
        return {pk: (level, scan.group_name("level", level, None)) for pk, _, level in agencies}
    if dimension in ("sector", "procedure"):
        procedures = Procedure.objects.filter(pk__in=ids).values_list(
            "pk", "code", "name", "sector__code", "sector__name"
        )
        if dimension == "procedure":
            return {pk: (code, name or code) for pk, code, name, _, _ in procedures}
        return {pk: (sector, sector_name or sector) for pk, _, _, sector, sector_name in procedures}
    return {c: (c, str(Channel(c).label) if c in Channel.values else str(c)) for c in ids}


GROUPED_BY = {
    "agency": "competent_id",
    "level": "competent_id",
    "sector": "procedure_id",
    "procedure": "procedure_id",
    "channel": "channel",
}


def breakdown(scope: OpsScope, window: Window, filters: Filters, dimension: str) -> list[dict[str, Any]]:
    """The core figures per group of ``dimension`` (aggregates grouped, then the open dossiers grouped)."""
    if needs_dossiers(window, filters, dimension):
        return scan.breakdown(scope, window, filters, dimension)
    column = GROUPED_BY[dimension]
    rows = list(
        _rows(scope, window, filters, by_procedure(filters, dimension))
        .values(column)
        .annotate(**_sums(GROUPED))
        .order_by()
    )
    names = _groups(dimension, {r[column] for r in rows})
    merged: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key, name = names.get(row[column], (row[column], str(row[column])))
        target = merged.setdefault(key, {"key": key, "name": name, **dict.fromkeys(GROUPED_KEYS, 0)})
        for name_ in GROUPED:
            target[name_] += int(row[name_] or 0)
    _, open_column, open_name = DIMENSIONS[dimension]
    opened = _open(scope, filters).values(open_column, open_name).annotate(**_open_counters(window)).order_by()
    for row in opened:
        key = row[open_column]
        name = scan.group_name(dimension, key, row[open_name])
        target = merged.setdefault(key, {"key": key, "name": name, **dict.fromkeys(GROUPED_KEYS, 0)})
        for name_ in OPEN_KEYS:
            target[name_] += int(row[name_] or 0)
    out = [r for r in merged.values() if any(r[k] for k in CORE_KEYS)]
    return sorted(out, key=lambda r: (-r["received"], -r["resolved"], str(r["name"])))


def _days(microseconds: float | None) -> float | None:
    return None if microseconds is None else round(microseconds / 86_400_000_000, 1)


def p90_from_histogram(buckets: list[int]) -> float | None:
    """The upper edge (days) of the bucket holding the nearest-rank 90th percentile; the last bucket
    (over a year) reads as its lower edge."""
    index = nearest_rank_index(sum(buckets), 0.9)
    if index is None:
        return None
    seen = 0
    for i, n in enumerate(buckets):
        seen += n
        if seen > index:
            return float(HISTOGRAM_EDGES[min(i, len(HISTOGRAM_EDGES) - 1)])
    return None  # pragma: no cover - the counts add up


def processing_time(scope: OpsScope, window: Window, filters: Filters) -> ProcessingTime:
    """Average from the sums, p90 from the histogram (see ``p90_from_histogram``)."""
    if needs_dossiers(window, filters):
        return scan.processing_time(scope, window, filters)
    return _processing(_rows(scope, window, filters, by_procedure(filters)).aggregate(**_sums(COUNTERS)))


def _processing(row: dict[str, Any]) -> ProcessingTime:
    n = int(row["processed"] or 0)

    def mean(total: Decimal | None, count: int | None) -> float | None:
        return round(float(total) / count, 1) if count and total is not None else None

    return ProcessingTime(
        count=n,
        average_days=_days(int(row["processed_us"]) / n) if n else None,
        p90_days=p90_from_histogram([int(row[f"h{i}"] or 0) for i in range(BUCKETS)]),
        legal_days=mean(row["legal_sum"], row["legal_n"]),
        applied_days=mean(row["applied_sum"], row["applied_n"]),
    )


def index_counts(
    scope: OpsScope, window: Window, filters: Filters, rated: tuple[int, int] | None = None
) -> dict[str, int]:
    """What the Decision 766 index reads beyond the counters: procedures with fees and paid online (the
    monthly rows grouped by procedure), and the ratings (``rated`` when the caller has them)."""
    first, end = _day(window.start), _day(window.end)
    if needs_dossiers(window, filters) or not (_month_start(first) and _month_start(end)):
        return scan.index_counts(scope, window, filters)
    per_procedure = (
        _rows(scope, window, filters, True)
        .values("procedure_id")
        .annotate(fees=Sum("with_fees"), online=Sum("paid_online"))
        .order_by()
        .values_list("fees", "online")
    )
    with_fees = paid_online = 0
    for fees, online in per_procedure:
        with_fees += bool(fees)
        paid_online += bool(online)
    if rated is None:
        row = _rows(scope, window, filters, by_procedure(filters)).aggregate(**_sums(RATING_COUNTERS))
        rated = (int(row["ratings"] or 0), int(row["ratings_not_satisfied"] or 0))
    return {
        "procedures_with_fees": with_fees,
        "procedures_paid_online": paid_online,
        "ratings": rated[0],
        "ratings_not_satisfied": rated[1],
    }


def per_agency_ratings(scope: OpsScope, window: Window, filters: Filters) -> dict[int, tuple[int, int]]:
    """(ratings, not satisfied) per competent agency: one ``GROUP BY`` over the aggregates."""
    if needs_dossiers(window, filters):
        return scan.per_agency_ratings(scope, window, filters)
    rows = (
        _rows(scope, window, filters, by_procedure(filters))
        .values("competent_id")
        .annotate(n=Sum("ratings"), bad=Sum("ratings_not_satisfied"))
        .order_by()
    )
    return {r["competent_id"]: (int(r["n"] or 0), int(r["bad"] or 0)) for r in rows if r["n"]}


def monthly(scope: OpsScope, windows: list[Window], filters: Filters) -> list[dict[str, int]]:
    """Received, resolved and late per month of a year: one query with a sum per month and figure."""
    if not windows:
        return []
    if any(needs_dossiers(w, filters) for w in windows):
        return scan.monthly(scope, windows, filters)
    outer = Window(windows[0].start, windows[-1].end, windows[-1].now)
    aggregates = {f"{key}_{i}": Sum(key, filter=_between(w)) for i, w in enumerate(windows) for key in MONTH_KEYS}
    row = _rows(scope, outer, filters, by_procedure(filters)).aggregate(**aggregates)
    return [{key: int(row[f"{key}_{i}"] or 0) for key in MONTH_KEYS} for i in range(len(windows))]
