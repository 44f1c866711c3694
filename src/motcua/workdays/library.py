"""What the ``holidays`` library says about Vietnam, reduced to plain dates (no database)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import holidays

from motcua.core.caches import process_cache


@dataclass(frozen=True)
class LibraryYears:
    days_off: Mapping[date, str]  # read-only: the value is cached and shared
    weekend_workdays: frozenset[date]


def library_days(years: Iterable[int], excluded_names: Collection[str] = ()) -> LibraryYears:
    """Days off (Vietnamese names) and worked weekend days for ``years``.

    Holidays whose name is in ``excluded_names`` are dropped (see the
    ``WORKDAYS_EXCLUDED_HOLIDAYS`` setting). A date carrying several names keeps them
    joined with "; " by the library; it is dropped only if every name is excluded.
    """
    return _library_days(tuple(sorted(set(years))), frozenset(excluded_names))


@process_cache(maxsize=32)
def _library_days(years: tuple[int, ...], excluded: frozenset[str]) -> LibraryYears:
    calendar = holidays.country_holidays("VN", years=years, language="vi")
    days_off: dict[date, str] = {}
    for day, name in calendar.items():
        kept = [part for part in name.split("; ") if part not in excluded]
        if kept:
            days_off[day] = "; ".join(kept)
    workdays = frozenset(day for day in calendar.weekend_workdays if day.year in years)
    return LibraryYears(days_off=MappingProxyType(days_off), weekend_workdays=workdays)
