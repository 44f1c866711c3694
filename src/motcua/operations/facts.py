"""The maintained aggregates: what a set of dossiers contributes to them, and how they are written.

The counters are computed from the figure definitions (``figures.DATED``: a figure counts a dossier on
the local day of its ``column`` when its ``extra`` condition holds), so the aggregates and a recount of
the dossiers use the same conditions. Three writers, all here:

- ``apply``: adds a difference (a dossier's contribution after a change minus before it) to the rows
  with ``INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n``. Increments commute, so two
  transactions changing different dossiers of the same row never lose each other's change; rows are
  written in key order so they cannot deadlock on each other.
- ``rebuild``: replaces the rows of a range of days by a recount (backfill, ``--fix``), under a table
  lock on PostgreSQL so a change committed meanwhile is neither lost nor counted twice.
- ``expected``: the recount itself, which the reconciliation compares with the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Model, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth

from motcua.dossiers.constants import Satisfaction
from motcua.dossiers.models import Dossier
from motcua.operations.figures import DATED
from motcua.operations.models import (
    COUNTERS,
    DECIMAL_COUNTERS,
    HISTOGRAM_EDGES,
    AgencyMonthFact,
    DayFact,
    ProcedureMonthFact,
)
from motcua.workdays.constants import VIETNAM_TZ, DurationUnit

# The full key of a contribution: (day, receiving, competent, procedure, channel).
Key = tuple[date, int, int, int, str]
Counters = dict[str, Any]
Rows = dict[Key, Counters]
KEY_FIELDS = ("receiving_agency_id", "competent_agency_id", "procedure_id", "channel")
RATED = "rating__rated_at"

_DURATION = ExpressionWrapper(F("resolved_at") - F("accepted_at"), output_field=DurationField())


def _time_aggregates() -> dict[str, Any]:
    """Processing time of the resolved dossiers (those ``selectors.processing_time`` reads)."""
    timed = Q(accepted_at__isnull=False)
    in_days = Q(time_unit=DurationUnit.WORKING_DAYS, time_value__isnull=False)
    legal = Q(
        procedure_version__legal_time_unit=DurationUnit.WORKING_DAYS,
        procedure_version__legal_time_value__isnull=False,
    )
    out: dict[str, Any] = {
        "processed": Count("pk", filter=timed),
        "processed_us": Sum("duration", filter=timed),
        "legal_n": Count("pk", filter=timed & legal),
        "legal_sum": Sum("procedure_version__legal_time_value", filter=timed & legal),
        "applied_n": Count("pk", filter=timed & in_days),
        "applied_sum": Sum("time_value", filter=timed & in_days),
    }
    low: timedelta | None = None
    for i, edge in enumerate((*HISTOGRAM_EDGES, None)):
        high = None if edge is None else timedelta(days=edge)
        bucket = timed
        if low is not None:
            bucket &= Q(duration__gte=low)
        if high is not None:
            bucket &= Q(duration__lt=high)
        out[f"h{i}"] = Count("pk", filter=bucket)
        low = high
    return out


def measures() -> dict[str, dict[str, Any]]:
    """The aggregates of each dated column: ``{column: {counter: aggregate}}``."""
    by_column: dict[str, dict[str, Any]] = defaultdict(dict)
    for figure in DATED:
        by_column[figure.column][figure.key] = Count("pk", filter=figure.extra)
    resolved = by_column["resolved_at"]
    extra = next(f.extra for f in DATED if f.key == "resolved")
    resolved.update({name: _with(agg, extra) for name, agg in _time_aggregates().items()})
    by_column[RATED] = {
        "ratings": Count("pk"),
        "ratings_not_satisfied": Count("pk", filter=Q(rating__satisfaction=Satisfaction.NOT_SATISFIED)),
    }
    return dict(by_column)


def _with(aggregate: Any, condition: Q | None) -> Any:
    """The aggregate narrowed further by ``condition``."""
    if condition is None:
        return aggregate
    clone = aggregate.copy()
    clone.filter = condition if clone.filter is None else clone.filter & condition
    return clone


def _number(name: str, value: Any) -> Any:
    """Sums come back as ``timedelta`` (PostgreSQL), microseconds (SQLite) or ``Decimal``."""
    if value is None:
        return Decimal(0) if name in DECIMAL_COUNTERS else 0
    if isinstance(value, timedelta):
        return value // timedelta(microseconds=1)
    if name in DECIMAL_COUNTERS:
        return Decimal(value).quantize(Decimal("0.01"))
    return int(value)


def _local_day(moment: datetime) -> date:
    return moment.astimezone(VIETNAM_TZ).date()


def _bounds(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    start = datetime.combine(first, time.min, tzinfo=VIETNAM_TZ) if first else None
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ) if last else None
    return start, end


def recount(model: type[Model], first: date | None = None, last: date | None = None) -> dict[tuple[Any, ...], Counters]:
    """The rows of ``model`` for the days [first, last] (whole months for the monthly rows), counted from
    the dossiers: one ``GROUP BY`` per dated column, at the model's grain, so the database returns as
    many groups as there are rows."""
    if model is not DayFact:
        first, last = month_range(first, last)
    start, end = _bounds(first, last)
    fields = (
        "receiving_agency_id",
        "competent_agency_id",
        *(("procedure_id",) if model is ProcedureMonthFact else ()),
        "channel",
    )
    rows: dict[tuple[Any, ...], Counters] = defaultdict(dict)
    for column, aggregates in measures().items():
        qs = Dossier.objects.filter(**{f"{column}__isnull": False})
        if start is not None:
            qs = qs.filter(**{f"{column}__gte": start})
        if end is not None:
            qs = qs.filter(**{f"{column}__lt": end})
        if model is DayFact:
            bucket: Any = TruncDate(column, tzinfo=VIETNAM_TZ)
        else:
            bucket = TruncMonth(column, tzinfo=VIETNAM_TZ)
        grouped = (
            qs.alias(duration=_DURATION)
            .annotate(fact_day=bucket)
            .values("fact_day", *fields)
            .annotate(**aggregates)
            .order_by()
        )
        for row in grouped:
            day = row["fact_day"]
            day = day.astimezone(VIETNAM_TZ).date() if isinstance(day, datetime) else day
            key = (day, *(row[f] for f in fields))
            rows[key].update({name: _number(name, row[name]) for name in aggregates})
    return {k: {n: v for n, v in c.items() if v} for k, c in rows.items() if any(c.values())}


def contribution(dossier_id: int) -> Rows:
    """What one dossier adds to the aggregates now: one query (each counter is 0 or 1, or its time)."""
    aggregates: dict[str, Any] = {}
    for column, measured in measures().items():
        aggregates[f"{column}__at"] = Max(column)
        for name, aggregate in measured.items():
            aggregates[f"{column}__{name}"] = _with(aggregate, Q(**{f"{column}__isnull": False}))
    qs = Dossier.objects.filter(pk=dossier_id).alias(duration=_DURATION)
    found = qs.values(*KEY_FIELDS).annotate(**aggregates).order_by()
    rows: Rows = {}
    for row in found:
        for column, measured in measures().items():
            moment = row[f"{column}__at"]
            if moment is None:
                continue
            counters = {name: _number(name, row[f"{column}__{name}"]) for name in measured}
            if any(counters.values()):
                key = (_local_day(moment), *(row[f] for f in KEY_FIELDS))
                rows.setdefault(key, {}).update(counters)
    return rows


def difference(after: Rows, before: Rows) -> Rows:
    """``after − before``, key by key and counter by counter (keys that cancel out are left out)."""
    out: Rows = {}
    for key in after.keys() | before.keys():
        new, old = after.get(key, {}), before.get(key, {})
        delta = {n: new.get(n, 0) - old.get(n, 0) for n in new.keys() | old.keys()}
        delta = {n: v for n, v in delta.items() if v}
        if delta:
            out[key] = delta
    return out


def project(rows: Rows, model: type[Model]) -> dict[tuple[Any, ...], Counters]:
    """The rows at the grain of ``model``: per day or per month, with the procedure or without."""
    out: dict[tuple[Any, ...], Counters] = defaultdict(lambda: defaultdict(int))
    for (day, receiving, competent, procedure, channel), counters in rows.items():
        if model is DayFact:
            key: tuple[Any, ...] = (day, receiving, competent, channel)
        elif model is AgencyMonthFact:
            key = (day.replace(day=1), receiving, competent, channel)
        else:
            key = (day.replace(day=1), receiving, competent, procedure, channel)
        target = out[key]
        for name, value in counters.items():
            target[name] += value
    return {k: dict(v) for k, v in out.items()}


def key_columns(model: type[Model]) -> tuple[str, ...]:
    if model is ProcedureMonthFact:
        return ("day", "receiving_id", "competent_id", "procedure_id", "channel")
    return ("day", "receiving_id", "competent_id", "channel")


MODELS: tuple[type[Model], ...] = (DayFact, AgencyMonthFact, ProcedureMonthFact)


def apply(delta: Rows) -> None:
    """Add ``delta`` to the rows (created at zero when missing), in key order."""
    if not delta:
        return
    for model in MODELS:
        projected = project(delta, model)
        if projected:
            _upsert_add(model, projected)


def _upsert_add(model: type[Model], rows: Mapping[tuple[Any, ...], Counters]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    keys = key_columns(model)
    columns = (*keys, *COUNTERS)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COUNTERS)
    ordered = sorted(rows.items(), key=lambda item: tuple(str(part) for part in item[0]))
    with connection.cursor() as cursor:
        for chunk_start in range(0, len(ordered), 200):
            chunk = ordered[chunk_start : chunk_start + 200]
            params: list[Any] = []
            for key, counters in chunk:
                params.extend(key)
                params.extend(counters.get(c, 0) for c in COUNTERS)
            values = ", ".join([placeholders] * len(chunk))
            conflict = f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} {conflict}"  # noqa: S608 - see below
            cursor.execute(sql, params)  # identifiers from the model's meta; every value is a parameter


def month_range(first: date | None, last: date | None) -> tuple[date | None, date | None]:
    """The whole months covering [first, last] (the monthly rows are rebuilt whole)."""
    lo = first.replace(day=1) if first else None
    hi = None
    if last:
        nxt = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        hi = nxt - timedelta(days=1)
    return lo, hi


def _in_range(qs: Any, first: date | None, last: date | None) -> Any:
    if first:
        qs = qs.filter(day__gte=first)
    if last:
        qs = qs.filter(day__lte=last)
    return qs


@transaction.atomic
def rebuild(first: date | None = None, last: date | None = None) -> dict[str, int]:
    """Replace the rows of [first, last] (every day when both are ``None``) by a recount of the dossiers.

    Returns the number of rows written per table. The monthly rows are rebuilt for whole months.
    """
    if connection.vendor == "postgresql":
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in MODELS)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
    written = {}
    for model in MODELS:
        a, b = (first, last) if model is DayFact else month_range(first, last)
        manager: Any = model._default_manager
        _in_range(manager.all(), a, b).delete()
        built = [_row(model, key, counters) for key, counters in recount(model, first, last).items()]
        manager.bulk_create(built, batch_size=2000)
        written[model.__name__] = len(built)
    return written


def _row(model: type[Model], key: tuple[Any, ...], counters: Counters) -> Model:
    return model(**dict(zip(key_columns(model), key, strict=True)), **counters)


def stored(model: type[Model], first: date | None, last: date | None) -> dict[tuple[Any, ...], Counters]:
    """The rows of ``model`` in [first, last], non-zero counters only (a zero row equals no row)."""
    out = {}
    manager: Any = model._default_manager
    for row in _in_range(manager.all(), first, last).values(*key_columns(model), *COUNTERS):
        key = tuple(row.pop(c) for c in key_columns(model))
        counters = {n: v for n, v in row.items() if v}
        if counters:
            out[key] = counters
    return out


def compare(
    model: type[Model], expected: Mapping[tuple[Any, ...], Counters], found: Mapping[tuple[Any, ...], Counters]
) -> list[tuple[tuple[Any, ...], str, Any, Any]]:
    """Every difference as (key, counter, stored, expected)."""
    out = []
    for key in sorted(expected.keys() | found.keys(), key=lambda k: tuple(str(p) for p in k)):
        want, have = expected.get(key, {}), found.get(key, {})
        for name in sorted(want.keys() | have.keys()):
            if want.get(name, 0) != have.get(name, 0):
                out.append((key, name, have.get(name, 0), want.get(name, 0)))
    return out


def days_of(rows: Iterable[Key]) -> set[date]:
    return {key[0] for key in rows}
