"""Pure rate calculators shared by the dashboard, the rankings and the Decision 766 index.

A rate is ``None`` when its denominator is zero: "no dossier resolved" is not "100 % on time"
(OpenCPS shows 100 % there; we show "—" so a unit with no work does not top a ranking).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal


def ratio(numerator: int, denominator: int) -> float | None:
    """numerator ÷ denominator, or ``None`` when there is nothing to divide by."""
    if denominator <= 0:
        return None
    return numerator / denominator


def percent(value: float | None, places: int = 1) -> Decimal | None:
    """A ratio as a percentage rounded half up (``0.98765`` → ``98.8``)."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(str(value)) * 100).quantize(quantum, rounding=ROUND_HALF_UP)


def on_time_rate(figures: Mapping[str, int]) -> float | None:
    """(early + on time) ÷ resolved in the period (the national portal's definition)."""
    done = figures.get("resolved", 0)
    return ratio(figures.get("resolved_early", 0) + figures.get("resolved_on_time", 0), done)


def within_time_rate(figures: Mapping[str, int]) -> float | None:
    """Decision 766 TDGQ: (resolved early or on time + in progress within time) ÷ (resolved + in progress)."""
    good = figures.get("resolved_early", 0) + figures.get("resolved_on_time", 0) + figures.get("in_progress_within", 0)
    return ratio(good, figures.get("resolved", 0) + figures.get("in_progress", 0))


def online_share(figures: Mapping[str, int]) -> float | None:
    """Dossiers filed online ÷ dossiers received, for procedures offered online (full or partly)."""
    return ratio(figures.get("online_capable_online", 0), figures.get("online_capable", 0))


def nearest_rank_index(count: int, fraction: float) -> int | None:
    """The 0-based position of the ``fraction`` percentile in ``count`` sorted values (nearest rank).

    p90 of 10 values is the 9th (index 8); ``None`` for an empty set.
    """
    if count <= 0:
        return None
    rank = -(-count * fraction // 1)  # ceil(count × fraction)
    return max(int(rank), 1) - 1


def movement(current_rank: int | None, previous_rank: int | None) -> int | None:
    """Places gained since the previous period (positive = up); ``None`` when either rank is missing."""
    if current_rank is None or previous_rank is None:
        return None
    return previous_rank - current_rank
