"""Each internal step of one procedure: the time it takes against the time it is allotted.

For the steps of the procedure finished in the period (in scope, filtered): per step (order, name,
agency), how many finished, how many late, the median and p90 of the time used (calendar hours from
start to finish) and of the share of its allotted span used (time used ÷ the span from its start to its
due moment on the working-time clock, so working days, hours and holidays are already counted). Read only
for one chosen procedure: the steps' rows are fetched (two timestamps and a due moment each) and the
percentiles taken in Python with the nearest-rank rule the dashboard uses.

What a department head can act on (``suggestion``), thresholds kept here and in docs/operations.md:
- ``shorten``: no late finish and p90 of the share used at most ``SHORTEN_SHARE``: the step's allotted
  time could be reduced to about its p90 share;
- ``merge``: median time used under ``MERGE_MINUTES``: a formality (forwarding, a stamp) that could be
  merged with the step before or after it;
- ``late``: late in at least ``LATE_SHARE`` of finishes: where dossiers become late.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep
from motcua.operations.figures import Window
from motcua.operations.rates import nearest_rank_index
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters

SHORTEN_SHARE = 0.5
MERGE_MINUTES = 15
LATE_SHARE = 0.2


@dataclass(frozen=True)
class StepTime:
    order: int
    name: str
    agency: str
    finished: int
    late: int
    median_hours: float
    p90_hours: float
    median_share: float | None  # of the allotted span; None when no finish had a due moment
    p90_share: float | None
    suggestion: str  # "late", "shorten", "merge" or ""


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    index = nearest_rank_index(len(ordered), 0.9)
    return ordered[index or 0]


def suggestion(finished: int, late: int, median_minutes: float, p90_share: float | None) -> str:
    """What to look at for one step (pure: the thresholds above)."""
    if finished and late / finished >= LATE_SHARE:
        return "late"
    if median_minutes < MERGE_MINUTES:
        return "merge"
    if late == 0 and p90_share is not None and p90_share <= SHORTEN_SHARE:
        return "shorten"
    return ""


def _share(started: datetime, finished: datetime, due: datetime | None) -> float | None:
    if due is None or due <= started:
        return None
    return (finished - started) / (due - started)


def step_times(scope: OpsScope, window: Window, filters: Filters) -> list[StepTime]:
    """Every step of ``filters.procedure`` finished in the period, in process order (empty without one)."""
    if not filters.procedure:
        return []
    dossiers = Dossier.objects.filter(scope.dossier_q(), filters.q(), accepted_at__lt=window.end).values("pk")
    rows = DossierStep.objects.filter(
        kind=StepKind.PROCESS,
        state=StepState.DONE,
        finished_at__gte=window.start,
        finished_at__lt=window.end,
        started_at__isnull=False,
        dossier_id__in=dossiers,
    ).values_list("order", "name", "agency__name", "started_at", "finished_at", "due_at", "timing")
    hours: dict[tuple[int, str, str], list[float]] = defaultdict(list)
    shares: dict[tuple[int, str, str], list[float]] = defaultdict(list)
    late: dict[tuple[int, str, str], int] = defaultdict(int)
    for order, name, agency, started, finished, due, timing in rows.iterator(chunk_size=5000):
        if started is None or finished is None:  # excluded by the query; narrows the types
            continue
        key = (order, name, agency or "")
        hours[key].append((finished - started).total_seconds() / 3600)
        if (share := _share(started, finished, due)) is not None:
            shares[key].append(share)
        late[key] += timing == "late"
    out = []
    for key in sorted(hours):
        used, used_share = hours[key], shares[key]
        p90_share = _p90(used_share) if used_share else None
        out.append(
            StepTime(
                order=key[0],
                name=key[1],
                agency=key[2],
                finished=len(used),
                late=late[key],
                median_hours=round(median(used), 1),
                p90_hours=round(_p90(used), 1),
                median_share=median(used_share) if used_share else None,
                p90_share=p90_share,
                suggestion=suggestion(len(used), late[key], median(used) * 60, p90_share),
            )
        )
    return out
