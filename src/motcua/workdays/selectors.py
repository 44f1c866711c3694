"""Reads of the working calendar: the library, the override table and the settings, merged.

The expensive part (computing lunar holidays for a range of years) is cached per process
(``core.caches``). The override table is tiny and is read on every ``get_calendar`` call; the merged
calendar is cached under a key that *contains* the applicable override rows and the settings, so an
override added, changed or removed by any process (or rolled back in a test) can never be served stale.
Call ``get_calendar`` once per request or job and pass the calendar to the clock functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils import timezone

from motcua.core.caches import process_cache
from motcua.workdays.clock import WorkingCalendar, parse_office_hours, parse_weekdays
from motcua.workdays.constants import CalendarDayKind
from motcua.workdays.library import library_days
from motcua.workdays.models import CalendarOverride, OverrideKind

if TYPE_CHECKING:
    from motcua.organisations.models import AdministrativeUnit

FIRST_YEAR = 2020
YEARS_AHEAD = 5
# The calendar is meaningful for these years only (the API refuses others): the library's
# lunar tables end in 2100 and a due date may run two years past its start.
MIN_YEAR, MAX_YEAR = 2000, 2098

_SWAP = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")

OverrideRow = tuple[date, str, str]  # (date, kind, name)


DayKind = CalendarDayKind  # short alias used below


@dataclass(frozen=True)
class CalendarDay:
    date: date
    name: str
    kind: str

    @property
    def is_day_off(self) -> bool:
        return self.kind != DayKind.WORKING_DAY


def default_years() -> range:
    return range(FIRST_YEAR, timezone.localdate().year + YEARS_AHEAD + 1)


def get_calendar(*, unit: AdministrativeUnit | None = None, years: range | None = None) -> WorkingCalendar:
    """The working calendar of the deployment, or of ``unit`` (adds its local closures)."""
    years = years if years is not None else default_years()
    return _assemble(years, _override_rows(unit, years), *_settings_key())


def get_calendar_covering(day: date, *, unit: AdministrativeUnit | None = None) -> WorkingCalendar:
    """A calendar whose holidays cover ``day``'s year and the two following years (for due dates)."""
    years = default_years()
    if not (years.start <= day.year and day.year + 3 <= years.stop):
        # Far from today: compute just the three years needed rather than a long range.
        years = range(day.year, day.year + 3)
    return get_calendar(unit=unit, years=years)


def calendar_days(year: int, *, unit: AdministrativeUnit | None = None) -> list[CalendarDay]:
    """Days off and extra working days of ``year``, sorted by date.

    Holidays falling on a weekend are listed (with their compensatory day); ordinary
    Saturdays and Sundays are not.
    """
    years = range(year, year + 1)
    days = _merge(years, _override_rows(unit, years), tuple(settings.WORKDAYS_EXCLUDED_HOLIDAYS))
    return [day for _, day in sorted(days.items()) if day.date.year == year]


def is_base_working_day(day: date) -> bool:
    """Working day per the weekday rule and library holidays, ignoring library swaps and overrides."""
    years = range(day.year, day.year + 1)
    library = library_days(years, settings.WORKDAYS_EXCLUDED_HOLIDAYS)
    return day not in library.days_off and day.weekday() in parse_weekdays(settings.WORKING_WEEKDAYS)


# --- internals ----------------------------------------------------------------------------


def _settings_key() -> tuple[str, str, tuple[str, ...], str]:
    return (
        settings.OFFICE_HOURS,
        settings.WORKING_WEEKDAYS,
        tuple(settings.WORKDAYS_EXCLUDED_HOLIDAYS),
        settings.TIME_ZONE,
    )


def _unit_and_ancestors(unit: AdministrativeUnit | None) -> list[int]:
    ids: list[int] = []
    seen_depth = 0
    while unit is not None and seen_depth < 10:  # the tree is 2-3 levels deep; guard against cycles
        ids.append(unit.pk)
        unit = unit.parent
        seen_depth += 1
    return ids


# Province-wide overrides, and the closures of a unit and its ancestors, in the years asked for.
# Written as SQL because every dossier action reads it (see the module's docstring): the ORM spent
# three times longer building the statement than reading the few rows.
OVERRIDES_SQL = """
SELECT "date", "kind", "name" FROM {table}
WHERE (administrative_unit_id IS NULL OR ("kind" = %s AND administrative_unit_id IN ({units})))
  AND "date" >= %s AND "date" < %s
ORDER BY "date", administrative_unit_id, id
"""


def _override_rows(unit: AdministrativeUnit | None, years: range) -> tuple[OverrideRow, ...]:
    unit_ids: list[int | None] = [*_unit_and_ancestors(unit)] or [None]  # IN (NULL) matches nothing
    sql = OVERRIDES_SQL.format(table=CalendarOverride._meta.db_table, units=", ".join(["%s"] * len(unit_ids)))
    params: list[str | int | date | None] = [
        OverrideKind.CLOSURE.value,
        *unit_ids,
        date(years.start, 1, 1),
        date(years.stop, 1, 1),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(cursor.fetchall())


@process_cache(maxsize=64)
def _merge(years: range, overrides: tuple[OverrideRow, ...], excluded: tuple[str, ...]) -> Mapping[date, CalendarDay]:
    """Library days and overrides merged; precedence: closure/day off > working day > not a holiday."""
    library = library_days(years, excluded)
    days: dict[date, CalendarDay] = {}
    for day, name in library.days_off.items():
        kind = DayKind.COMPENSATORY if ("nghỉ bù" in name or "thay cho" in name) else DayKind.HOLIDAY
        days[day] = CalendarDay(day, name, kind)
        if swap := _SWAP.search(name):
            worked = date(int(swap[3]), int(swap[2]), int(swap[1]))
            days[worked] = CalendarDay(worked, f"Làm việc bù cho ngày {day:%d/%m/%Y}", DayKind.WORKING_DAY)
    for day in library.weekend_workdays:
        days.setdefault(day, CalendarDay(day, "Ngày làm việc bù", DayKind.WORKING_DAY))
    by_kind = sorted(overrides, key=lambda row: _PRECEDENCE[row[1]])
    for day, override_kind, name in by_kind:
        if override_kind == OverrideKind.NOT_A_HOLIDAY:
            days.pop(day, None)
        else:
            days[day] = CalendarDay(day, name, _OVERRIDE_DAY_KIND[override_kind])
    return MappingProxyType(days)


_PRECEDENCE: dict[str, int] = {
    OverrideKind.NOT_A_HOLIDAY: 0,
    OverrideKind.WORKING_DAY: 1,
    OverrideKind.DAY_OFF: 2,
    OverrideKind.CLOSURE: 3,
}
_OVERRIDE_DAY_KIND: dict[str, str] = {
    OverrideKind.WORKING_DAY: DayKind.WORKING_DAY,
    OverrideKind.DAY_OFF: DayKind.DAY_OFF,
    OverrideKind.CLOSURE: DayKind.CLOSURE,
}


@process_cache(maxsize=64)
def _assemble(
    years: range,
    overrides: tuple[OverrideRow, ...],
    office_hours: str,
    weekdays: str,
    excluded: tuple[str, ...],
    tz_name: str,
) -> WorkingCalendar:
    days = _merge(years, overrides, excluded)
    return WorkingCalendar(
        days_off=MappingProxyType({day: d.name for day, d in days.items() if d.is_day_off}),
        extra_working_days=frozenset(day for day, d in days.items() if not d.is_day_off),
        office_hours=parse_office_hours(office_hours),
        working_weekdays=parse_weekdays(weekdays),
        tz=ZoneInfo(tz_name),
    )
