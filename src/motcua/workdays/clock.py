"""The working-time clock: pure functions over a :class:`WorkingCalendar`.

Nothing here touches the database or Django models; ``selectors.get_calendar`` builds the
calendar from the holiday library, the override table and the settings, and every caller
passes it in. That keeps deadline arithmetic table-testable with fixed dates.

Conventions (also in docs/working-calendar.md):

* Office hours are half-open intervals ``[opening, closing)``: 07:30 is working time, 11:30 is not.
* ``add_working_time`` returns the *earliest* moment at which the requested working time has
  elapsed. Adding 8 hours from Monday 07:30 gives Monday 17:00, not Tuesday 07:30; adding
  4 hours gives 11:30, not 13:00. A start outside office hours counts from the next opening.
* N working days are N × ``hours_per_day`` working hours, so 1 working day from Monday 10:00 is
  Tuesday 10:00.
* Arithmetic is done in UTC and results are returned in the calendar's time zone, so the
  functions stay correct for zones with daylight-saving time even though Vietnam has none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from zoneinfo import ZoneInfo

from motcua.workdays.constants import VIETNAM_TZ, CompletionTiming, DurationUnit

DEFAULT_OFFICE_HOURS: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
DEFAULT_WORKING_WEEKDAYS: frozenset[int] = frozenset({0, 1, 2, 3, 4})
DEFAULT_SAME_DAY_CUTOFF = time(15, 0)

# A calendar with no working day for this long is broken; stop instead of looping forever.
_MAX_IDLE_DAYS = 366 * 3
_MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)

Interval = tuple[datetime, datetime]


def _frozen_mapping() -> Mapping[date, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are worked and at which hours.

    ``days_off`` maps each non-working date to its name (holidays, compensatory days,
    closures); ``extra_working_days`` are dates worked although the weekday rule says
    otherwise (a Saturday worked in exchange for a bridge day). An extra working day wins
    over ``days_off``.
    """

    days_off: Mapping[date, str] = field(default_factory=_frozen_mapping)
    extra_working_days: frozenset[date] = frozenset()
    office_hours: tuple[tuple[time, time], ...] = DEFAULT_OFFICE_HOURS
    working_weekdays: frozenset[int] = DEFAULT_WORKING_WEEKDAYS
    tz: ZoneInfo = VIETNAM_TZ

    def __post_init__(self) -> None:
        if not self.office_hours:
            raise ValueError("office_hours must contain at least one interval")
        previous_end: time | None = None
        for opening, closing in self.office_hours:
            if opening.tzinfo is not None or closing.tzinfo is not None:
                raise ValueError("office hours are local wall-clock times without tzinfo")
            if not opening < closing:
                raise ValueError(f"office hours interval {opening}-{closing} is empty or reversed")
            if previous_end is not None and opening < previous_end:
                raise ValueError("office hours intervals must be sorted and must not overlap")
            previous_end = closing
        if not self.working_weekdays <= frozenset(range(7)):
            raise ValueError("working_weekdays must be integers 0 (Monday) to 6 (Sunday)")

    @property
    def day_length(self) -> timedelta:
        """Working time in one working day (8 hours with the default office hours)."""
        total = timedelta()
        for opening, closing in self.office_hours:
            total += datetime.combine(date.min, closing) - datetime.combine(date.min, opening)
        return total

    @property
    def hours_per_day(self) -> Decimal:
        return Decimal(int(self.day_length.total_seconds())) / 3600

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() in self.working_weekdays

    def next_working_day(self, day: date, *, include_today: bool = False) -> date:
        candidate = day if include_today else day + timedelta(days=1)
        for _ in range(_MAX_IDLE_DAYS):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValueError("the working calendar has no working day in the next three years")

    def intervals_on(self, day: date) -> list[Interval]:
        """Office-hour intervals of ``day`` as aware UTC datetimes (empty on a day off)."""
        if not self.is_working_day(day):
            return []
        return [
            (
                datetime.combine(day, opening, tzinfo=self.tz).astimezone(UTC),
                datetime.combine(day, closing, tzinfo=self.tz).astimezone(UTC),
            )
            for opening, closing in self.office_hours
        ]

    def closing_of(self, day: date) -> datetime:
        """End of the last office-hour interval of ``day``, in the calendar's time zone."""
        return datetime.combine(day, self.office_hours[-1][1], tzinfo=self.tz)

    def opening_of(self, day: date) -> datetime:
        return datetime.combine(day, self.office_hours[0][0], tzinfo=self.tz)


# --- Parsing the settings (pure, so the selectors and the tests share it) -----------------

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_office_hours(raw: str) -> tuple[tuple[time, time], ...]:
    """Parse ``"07:30-11:30,13:00-17:00"``; raises ``ValueError`` with the offending part."""
    intervals = []
    for part in raw.split(","):
        match = _RANGE.match(part)
        if not match:
            raise ValueError(f"office hours part {part!r} is not HH:MM-HH:MM")
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        intervals.append((time(h1, m1), time(h2, m2)))
    return tuple(intervals)


def parse_weekdays(raw: str) -> frozenset[int]:
    """Parse ``"0,1,2,3,4"`` (Monday=0)."""
    try:
        days = frozenset(int(part) for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise ValueError(f"working weekdays {raw!r} must be integers 0-6") from exc
    if not days or not days <= frozenset(range(7)):
        raise ValueError(f"working weekdays {raw!r} must be integers 0-6")
    return days


# --- Core functions ---------------------------------------------------------------------


def _require_aware(moment: datetime, name: str = "moment") -> None:
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (with a UTC offset)")


def _intervals_from(cal: WorkingCalendar, moment: datetime) -> Iterator[Interval]:
    """Office-hour intervals (UTC) that end after ``moment``, in order, clipped to start at it."""
    moment_utc = moment.astimezone(UTC)
    day = moment.astimezone(cal.tz).date()
    idle_days = 0
    while True:
        intervals = cal.intervals_on(day)
        idle_days = 0 if intervals else idle_days + 1
        if idle_days > _MAX_IDLE_DAYS:
            raise ValueError("the working calendar has no working day in the next three years")
        for opening, closing in intervals:
            if closing > moment_utc:
                yield max(opening, moment_utc), closing
        day += timedelta(days=1)


def is_working_time(cal: WorkingCalendar, moment: datetime) -> bool:
    _require_aware(moment)
    local = moment.astimezone(cal.tz)
    moment_utc = moment.astimezone(UTC)
    return any(opening <= moment_utc < closing for opening, closing in cal.intervals_on(local.date()))


def next_opening(cal: WorkingCalendar, moment: datetime) -> datetime:
    """The earliest working moment at or after ``moment`` (``moment`` itself during office hours)."""
    _require_aware(moment)
    opening, _ = next(_intervals_from(cal, moment))
    return opening.astimezone(cal.tz)


def _to_timedelta(value: int | float | Decimal, unit_hours: Decimal, name: str) -> timedelta:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{name} must be a number")
    try:
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"{name} is not a number") from exc
    if not amount.is_finite() or (isinstance(value, float) and not math.isfinite(value)):
        raise ValueError(f"{name} must be finite")
    if amount < 0:
        raise ValueError(f"{name} must not be negative")
    microseconds = (amount * unit_hours * _MICROSECONDS_PER_HOUR).to_integral_value()
    return timedelta(microseconds=int(microseconds))


def add_working_time(
    cal: WorkingCalendar,
    start: datetime,
    *,
    days: int | Decimal | None = None,
    hours: int | Decimal | float | None = None,
) -> datetime:
    """The moment when ``days`` working days or ``hours`` working hours after ``start`` have elapsed.

    Exactly one of ``days``/``hours``. The result is the earliest such moment (so it may be a
    closing time, e.g. 17:00), aware, in ``cal.tz``. Zero from outside office hours gives the
    next opening.
    """
    _require_aware(start, "start")
    if (days is None) == (hours is None):
        raise ValueError("give exactly one of days or hours")
    if days is not None:
        remaining = _to_timedelta(days, cal.hours_per_day, "days")
    else:
        assert hours is not None  # noqa: S101 - narrowed by the check above
        remaining = _to_timedelta(hours, Decimal(1), "hours")
    for opening, closing in _intervals_from(cal, start):
        available = closing - opening
        if remaining <= available:
            return (opening + remaining).astimezone(cal.tz)
        remaining -= available
    raise AssertionError("unreachable: _intervals_from is infinite")  # pragma: no cover


def _working_time_in(cal: WorkingCalendar, start_utc: datetime, end_utc: datetime) -> timedelta:
    total = timedelta()
    if end_utc <= start_utc:
        return total
    day = start_utc.astimezone(cal.tz).date()
    last_day = end_utc.astimezone(cal.tz).date()
    while day <= last_day:
        for opening, closing in cal.intervals_on(day):
            overlap = min(closing, end_utc) - max(opening, start_utc)
            if overlap > timedelta():
                total += overlap
        day += timedelta(days=1)
    return total


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def working_time_between(
    cal: WorkingCalendar,
    start: datetime,
    end: datetime,
    pauses: Iterable[tuple[datetime, datetime]] = (),
) -> timedelta:
    """Working time in ``[start, end)`` minus the working time inside ``pauses``.

    Pauses may overlap each other or extend beyond ``[start, end)``; each working moment is
    subtracted at most once. ``end`` before ``start`` gives zero.
    """
    _require_aware(start, "start")
    _require_aware(end, "end")
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    clipped: list[Interval] = []
    for pause_start, pause_end in pauses:
        _require_aware(pause_start, "pause start")
        _require_aware(pause_end, "pause end")
        if pause_end < pause_start:
            raise ValueError("a pause must not end before it starts")
        lo, hi = max(pause_start.astimezone(UTC), start_utc), min(pause_end.astimezone(UTC), end_utc)
        if lo < hi:
            clipped.append((lo, hi))
    total = _working_time_in(cal, start_utc, end_utc)
    for lo, hi in _merge(clipped):
        total -= _working_time_in(cal, lo, hi)
    return total


def due_for(
    cal: WorkingCalendar,
    start: datetime,
    value: int | Decimal | float,
    unit: DurationUnit | str,
    *,
    same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
) -> datetime:
    """Due moment of a time limit of ``value`` ``unit`` counted from ``start``.

    ``same_day`` ignores ``value``: due at the closing of the reception day when received on
    a working day before ``same_day_cutoff`` (local time), otherwise at the closing of the next
    working day.
    """
    _require_aware(start, "start")
    unit = DurationUnit(unit)
    if unit == DurationUnit.WORKING_DAYS:
        return add_working_time(cal, start, days=_as_decimal(value))
    if unit == DurationUnit.WORKING_HOURS:
        return add_working_time(cal, start, hours=value)
    local = start.astimezone(cal.tz)
    day = local.date()
    if cal.is_working_day(day) and local.time() < same_day_cutoff:
        return cal.closing_of(day)
    return cal.closing_of(cal.next_working_day(day))


def _as_decimal(value: int | Decimal | float) -> int | Decimal:
    if isinstance(value, float):
        return Decimal(str(value)) if math.isfinite(value) else Decimal("NaN")
    return value


def classify_completion(finished_at: datetime, due_at: datetime, *, tz: ZoneInfo = VIETNAM_TZ) -> CompletionTiming:
    """Early, on time or late (Decree 61/2018 "trước hạn / đúng hạn / quá hạn").

    * late: finished strictly after ``due_at``;
    * early: finished on a calendar day (in ``tz``) before the day of ``due_at`` — the result
      was ready before the appointment day;
    * otherwise on time (on the due day, up to and including ``due_at``).
    """
    _require_aware(finished_at, "finished_at")
    _require_aware(due_at, "due_at")
    if finished_at > due_at:
        return CompletionTiming.LATE
    if finished_at.astimezone(tz).date() < due_at.astimezone(tz).date():
        return CompletionTiming.EARLY
    return CompletionTiming.ON_TIME
