"""Rankings of agencies and communes by on-time rate and by the Decision 766 index, with movement.

Two breakdown queries per period (the current one and the previous one) and one of ratings each: the
cost depends on the number of agencies, not on the dossiers listed one by one. Divisions and one-stop
units count for the agency above them; a commune's agencies count for the commune's committee.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from motcua.operations import index766
from motcua.operations.figures import CORE_KEYS, Window
from motcua.operations.rates import movement, on_time_rate
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters, breakdown, per_agency_ratings
from motcua.organisations.models import Agency, AgencyKind, UnitLevel

# Kinds that are ranked themselves; the others (divisions, one-stop units) count for their parent.
RANKED_KINDS = frozenset(
    {AgencyKind.DEPARTMENT, AgencyKind.PEOPLES_COMMITTEE, AgencyKind.SERVICE_CENTRE, AgencyKind.OTHER}
)


@dataclass(frozen=True)
class Ranked:
    agency_id: int
    name: str
    level: str
    counts: dict[str, int]
    on_time: float | None
    index: Decimal | None
    rank_on_time: int | None = None
    rank_index: int | None = None
    moved_on_time: int | None = None
    moved_index: int | None = None


def _ranked_unit(agency_id: int, agencies: dict[int, Agency]) -> Agency | None:
    agency = agencies.get(agency_id)
    while agency is not None and agency.kind not in RANKED_KINDS and agency.parent_id in agencies:
        agency = agencies[agency.parent_id]
    return agency


def _units(
    scope: OpsScope, window: Window, filters: Filters, rows: list[dict[str, Any]] | None = None
) -> dict[int, Ranked]:
    rows = breakdown(scope, window, filters, "agency") if rows is None else rows
    # Breakdown rows read from the aggregates carry their ratings; the dossiers' scan does not.
    rated = {} if rows and "ratings" in rows[0] else per_agency_ratings(scope, window, filters)
    agencies = {a.pk: a for a in Agency.objects.only("pk", "name", "kind", "level", "parent_id")}
    sums: dict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys((*CORE_KEYS, "ratings", "ratings_not_satisfied"), 0)
    )
    for row in rows:
        unit = _ranked_unit(row["key"], agencies)
        if unit is None:
            continue
        for key in CORE_KEYS:
            sums[unit.pk][key] += row[key]
        n, bad = rated.get(row["key"], (row.get("ratings", 0), row.get("ratings_not_satisfied", 0)))
        sums[unit.pk]["ratings"] += n
        sums[unit.pk]["ratings_not_satisfied"] += bad
    out = {}
    for agency_id, counts in sums.items():
        unit = agencies[agency_id]
        scored = index766.score(counts)
        out[agency_id] = Ranked(agency_id, unit.name, unit.level, counts, on_time_rate(counts), scored.on_known_scale)
    return out


def _ranks(values: dict[int, Any]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4) of the units with a value, best (highest) first."""
    ordered = sorted(((v, k) for k, v in values.items() if v is not None), key=lambda p: p[0], reverse=True)
    first_at: dict[Any, int] = {}
    ranks: dict[int, int] = {}
    for position, (value, key) in enumerate(ordered, start=1):
        ranks[key] = first_at.setdefault(value, position)
    return ranks


def rankings(
    scope: OpsScope,
    window: Window,
    previous: Window,
    filters: Filters,
    *,
    by_agency: list[dict[str, Any]] | None = None,
) -> dict[str, list[Ranked]]:
    """``{"province": […], "commune": […]}``: units of each level ranked by on-time rate.

    ``by_agency``: the period's breakdown by agency when the caller already read it (the dashboard's
    default), so the same scan is not made twice.
    """
    now, before = _units(scope, window, filters, by_agency), _units(scope, previous, filters)
    result: dict[str, list[Ranked]] = {}
    for level in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
        current = {k: u for k, u in now.items() if u.level == level}
        prior = {k: u for k, u in before.items() if u.level == level}
        on_time, index = (
            _ranks({k: u.on_time for k, u in current.items()}),
            _ranks({k: u.index for k, u in current.items()}),
        )
        on_time_before = _ranks({k: u.on_time for k, u in prior.items()})
        index_before = _ranks({k: u.index for k, u in prior.items()})
        rows = [_with_ranks(u, on_time, index, on_time_before, index_before) for u in current.values()]
        rows.sort(key=lambda r: (r.rank_on_time is None, r.rank_on_time or 0, r.name))
        result[str(level)] = rows
    return result


def _with_ranks(
    unit: Ranked,
    on_time: dict[int, int],
    index: dict[int, int],
    on_time_before: dict[int, int],
    index_before: dict[int, int],
) -> Ranked:
    k = unit.agency_id
    return Ranked(
        unit.agency_id,
        unit.name,
        unit.level,
        unit.counts,
        unit.on_time,
        unit.index,
        rank_on_time=on_time.get(k),
        rank_index=index.get(k),
        moved_on_time=movement(on_time.get(k), on_time_before.get(k)),
        moved_index=movement(index.get(k), index_before.get(k)),
    )
