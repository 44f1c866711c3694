"""The dashboard of one scope and period, assembled from the selectors (what pages and the API show).

``dashboard(...)`` runs a fixed number of queries whatever the number of dossiers, over the maintained
aggregates (``selectors``): the counters with the processing time, the ratings' sums and the year by
month (1), the open dossiers (1), the supplement requests (1), the procedures with fees (1), one
breakdown (3), the ratings' detail (2, from the ratings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from motcua.operations import feedback, index766, periods
from motcua.operations.figures import BY_KEY, Window
from motcua.operations.rates import on_time_rate, online_share, ratio, within_time_rate
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import (
    Filters,
    ProcessingTime,
    Ratings,
    breakdown,
    counts,
    index_counts,
    monthly,
    needs_dossiers,
    processing_time,
    ratings,
    summary,
)


@dataclass(frozen=True)
class Rates:
    on_time: float | None
    within_time: float | None
    online: float | None  # for procedures offered online
    full_online: float | None
    postal: float | None
    paid_online: float | None
    digitised: float | None
    electronic_results: float | None


@dataclass(frozen=True)
class Dashboard:
    scope: OpsScope
    period: periods.Period
    filters: Filters
    now: datetime
    counts: dict[str, int]
    rates: Rates
    processing: ProcessingTime
    ratings: Ratings | None
    dimension: str
    rows: list[dict[str, Any]]
    months: list[dict[str, Any]]
    index: index766.IndexScore
    feedback: feedback.FeedbackFigures | None
    labels: dict[str, str] = field(default_factory=lambda: {f.key: f.label for f in BY_KEY.values()})


def window(period: periods.Period, now: datetime) -> Window:
    return Window(period.start, period.end, now)


def rates_of(c: dict[str, int]) -> Rates:
    return Rates(
        on_time=on_time_rate(c),
        within_time=within_time_rate(c),
        online=online_share(c),
        full_online=ratio(c.get("full_online_online", 0), c.get("full_online", 0)),
        postal=ratio(c.get("received_postal", 0), c.get("received", 0)),
        paid_online=ratio(c.get("paid_online", 0), c.get("with_fees", 0)),
        digitised=ratio(c.get("digitised", 0), c.get("received", 0)),
        electronic_results=ratio(c.get("electronic_results", 0), c.get("returned", 0)),
    )


def _year_months(period: periods.Period, now: datetime) -> list[tuple[str, Window]]:
    """The months of the period's year up to the period's end (the trend chart)."""
    out = []
    for m in range(1, 13):
        month = periods.month(period.first_day.year, m)
        if month.first_day > period.last_day:
            break
        out.append((f"{m:02d}/{month.first_day.year}", window(month, now)))
    return out


def dashboard(
    scope: OpsScope,
    period: periods.Period,
    filters: Filters,
    *,
    now: datetime,
    dimension: str = "agency",
    public: bool = False,
) -> Dashboard:
    """Every figure of the scope and period. ``public``: aggregates only (no comments, no codes)."""
    w = window(period, now)
    months = _year_months(period, now)
    month_windows = [m for _, m in months]
    if any(needs_dossiers(x, filters) for x in (w, *month_windows)):
        c, processed = counts(scope, w, filters), processing_time(scope, w, filters)
        extra = index_counts(scope, w, filters)
        trend = monthly(scope, month_windows, filters) if months else []
    else:  # the aggregates: one query for the counters, the times, the ratings and the months
        read = summary(scope, w, filters, month_windows)
        c, processed, trend = read.counts, read.processing, read.months
        extra = index_counts(scope, w, filters, read.ratings)
    fed = feedback.figures_for(scope.agency_ids, w.start, w.end)
    scored = index766.score({**c, **extra}, fed.index_inputs() if fed else None)
    return Dashboard(
        scope=scope,
        period=period,
        filters=filters,
        now=now,
        counts={**c, **extra},
        rates=rates_of(c),
        processing=processed,
        ratings=None if public else ratings(scope, w, filters),
        dimension=dimension,
        rows=breakdown(scope, w, filters, dimension),
        months=[{"month": label, **row} for (label, _), row in zip(months, trend, strict=True)],
        index=scored,
        feedback=fed,
    )
