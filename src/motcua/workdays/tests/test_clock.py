"""Table-driven tests of the pure working-time clock, with the official 2026 days off."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.workdays.clock import (
    WorkingCalendar,
    add_working_time,
    classify_completion,
    due_for,
    is_working_time,
    next_opening,
    parse_office_hours,
    parse_weekdays,
    working_time_between,
)
from motcua.workdays.constants import VIETNAM_TZ, CompletionTiming, DurationUnit
from motcua.workdays.tests.calendars import VN_2026

H = timedelta(hours=1)


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=VIETNAM_TZ)


ADD_CASES = [
    # (label, start, kwargs, expected due)
    ("8 h from Monday opening ends at Monday closing", vn(2026, 3, 2, 7, 30), {"hours": 8}, vn(2026, 3, 2, 17)),
    ("4 h from opening ends at 11:30, not 13:00", vn(2026, 3, 2, 7, 30), {"hours": 4}, vn(2026, 3, 2, 11, 30)),
    ("1 day from opening = same-day closing", vn(2026, 3, 2, 7, 30), {"days": 1}, vn(2026, 3, 2, 17)),
    ("1 day from 10:00 = next day 10:00", vn(2026, 3, 2, 10), {"days": 1}, vn(2026, 3, 3, 10)),
    ("start 18:00 counts from next opening", vn(2026, 3, 2, 18), {"hours": 1}, vn(2026, 3, 3, 8, 30)),
    ("start 11:45 counts from 13:00", vn(2026, 3, 2, 11, 45), {"hours": 1}, vn(2026, 3, 2, 14)),
    ("start 12:30 counts from 13:00", vn(2026, 3, 2, 12, 30), {"hours": Decimal("0.5")}, vn(2026, 3, 2, 13, 30)),
    ("morning spills over lunch", vn(2026, 3, 2, 10), {"hours": 3}, vn(2026, 3, 2, 14, 30)),
    ("afternoon spills to next morning", vn(2026, 3, 2, 16), {"hours": 2}, vn(2026, 3, 3, 8, 30)),
    ("Sunday start counts from Monday", vn(2026, 3, 1, 12), {"hours": 8}, vn(2026, 3, 2, 17)),
    ("Friday to Monday over the weekend", vn(2026, 3, 6, 10), {"days": 1}, vn(2026, 3, 9, 10)),
    ("zero at 17:00 is the next opening", vn(2026, 3, 2, 17), {"hours": 0}, vn(2026, 3, 3, 7, 30)),
    ("zero at 11:30 is 13:00", vn(2026, 3, 2, 11, 30), {"hours": 0}, vn(2026, 3, 2, 13)),
    ("zero in office hours is the start", vn(2026, 3, 2, 9, 15), {"days": 0}, vn(2026, 3, 2, 9, 15)),
    ("half a day is 4 hours", vn(2026, 3, 2, 7, 30), {"days": Decimal("0.5")}, vn(2026, 3, 2, 11, 30)),
    ("16 hours = 2 days", vn(2026, 3, 2, 9), {"hours": 16}, vn(2026, 3, 4, 9)),
    ("float hours", vn(2026, 3, 2, 9), {"hours": 1.25}, vn(2026, 3, 2, 10, 15)),
    # Tết 2026: Monday 16 to Friday 20 February off.
    ("Tết: Friday before Tết + 1 day", vn(2026, 2, 13, 9), {"days": 1}, vn(2026, 2, 23, 9)),
    ("Tết: Friday 16:00 + 2 h", vn(2026, 2, 13, 16), {"hours": 2}, vn(2026, 2, 23, 8, 30)),
    ("Tết: 5 days from Thursday 12/2", vn(2026, 2, 12, 9), {"days": 5}, vn(2026, 2, 26, 9)),
    ("Tết: start during Tết", vn(2026, 2, 18, 10), {"hours": 8}, vn(2026, 2, 23, 17)),
    # Giỗ Tổ on Sunday 26/4 with Monday 27/4 off; 30/4 and 1/5.
    ("Giỗ Tổ: Friday 24/4 + 1 day skips Monday 27/4", vn(2026, 4, 24, 10), {"days": 1}, vn(2026, 4, 28, 10)),
    ("30/4 and 1/5: Wednesday 29/4 + 1 day", vn(2026, 4, 29, 10), {"days": 1}, vn(2026, 5, 4, 10)),
    ("start on the 30/4 holiday", vn(2026, 4, 30, 9), {"hours": 2}, vn(2026, 5, 4, 9, 30)),
    # 2/9 with 31/8 (swapped for Saturday 22/8) and 1/9 off.
    ("2/9: Friday 28/8 + 1 day", vn(2026, 8, 28, 10), {"days": 1}, vn(2026, 9, 3, 10)),
    ("worked Saturday 22/8", vn(2026, 8, 21, 10), {"days": 1}, vn(2026, 8, 22, 10)),
    ("worked Saturday after Friday closing", vn(2026, 8, 21, 17, 30), {"hours": 1}, vn(2026, 8, 22, 8, 30)),
    ("ordinary Saturday is not worked", vn(2026, 8, 28, 16), {"hours": 2}, vn(2026, 9, 3, 8, 30)),
    # Year end: 1/1/2027 is a Friday holiday.
    ("across the year end", vn(2026, 12, 31, 14), {"days": 1}, vn(2027, 1, 4, 14)),
    ("across the year end in hours", vn(2026, 12, 31, 16), {"hours": 3}, vn(2027, 1, 4, 9, 30)),
]


@pytest.mark.parametrize(("label", "start", "kwargs", "expected"), ADD_CASES, ids=[c[0] for c in ADD_CASES])
def test_add_working_time(label: str, start: datetime, kwargs: dict, expected: datetime) -> None:
    due = add_working_time(VN_2026, start, **kwargs)
    assert due == expected
    assert due.tzinfo == VIETNAM_TZ


def test_result_is_in_calendar_zone_whatever_the_start_offset() -> None:
    due = add_working_time(VN_2026, datetime(2026, 3, 2, 0, 30, tzinfo=UTC), hours=8)
    assert due.isoformat() == "2026-03-02T17:00:00+07:00"


def test_five_working_days_like_the_reference_system() -> None:
    # Reference: 5 working days from Fri 27/10/2023 09:32 is Fri 03/11/2023 (regulations fact 53).
    assert add_working_time(WorkingCalendar(), vn(2023, 10, 27, 9, 32), days=5) == vn(2023, 11, 3, 9, 32)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({}, ValueError),
        ({"days": 1, "hours": 8}, ValueError),
        ({"days": -1}, ValueError),
        ({"hours": Decimal("-0.5")}, ValueError),
        ({"hours": float("nan")}, ValueError),
        ({"hours": float("inf")}, ValueError),
        ({"days": Decimal("Infinity")}, ValueError),
        ({"hours": True}, TypeError),
        ({"hours": "8"}, TypeError),
    ],
)
def test_add_working_time_rejects_bad_amounts(kwargs: dict, error: type[Exception]) -> None:
    with pytest.raises(error):
        add_working_time(VN_2026, vn(2026, 3, 2, 9), **kwargs)


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 3, 2, 9)
    with pytest.raises(ValueError, match="aware"):
        add_working_time(VN_2026, naive, hours=1)
    with pytest.raises(ValueError, match="aware"):
        is_working_time(VN_2026, naive)
    with pytest.raises(ValueError, match="aware"):
        working_time_between(VN_2026, naive, vn(2026, 3, 3))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (vn(2026, 3, 2, 7, 29, 59), False),
        (vn(2026, 3, 2, 7, 30), True),
        (vn(2026, 3, 2, 11, 29, 59), True),
        (vn(2026, 3, 2, 11, 30), False),
        (vn(2026, 3, 2, 12, 30), False),
        (vn(2026, 3, 2, 13), True),
        (vn(2026, 3, 2, 16, 59), True),
        (vn(2026, 3, 2, 17), False),
        (vn(2026, 3, 2, 18), False),
        (vn(2026, 3, 7, 9), False),  # ordinary Saturday
        (vn(2026, 8, 22, 9), True),  # worked Saturday
        (vn(2026, 2, 17, 9), False),  # Tết
        (vn(2026, 4, 27, 9), False),  # Giỗ Tổ compensatory Monday
        (vn(2026, 8, 31, 9), False),  # swapped day off
        (datetime(2026, 3, 2, 2, 0, tzinfo=UTC), True),  # 09:00 in Hà Nội
        (datetime(2026, 3, 2, 11, 0, tzinfo=UTC), False),  # 18:00 in Hà Nội
    ],
)
def test_is_working_time(moment: datetime, expected: bool) -> None:
    assert is_working_time(VN_2026, moment) is expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (vn(2026, 3, 2, 9), vn(2026, 3, 2, 9)),
        (vn(2026, 3, 2, 6), vn(2026, 3, 2, 7, 30)),
        (vn(2026, 3, 2, 11, 45), vn(2026, 3, 2, 13)),
        (vn(2026, 3, 2, 18), vn(2026, 3, 3, 7, 30)),
        (vn(2026, 2, 13, 17), vn(2026, 2, 23, 7, 30)),
        (vn(2026, 8, 21, 17), vn(2026, 8, 22, 7, 30)),
    ],
)
def test_next_opening(moment: datetime, expected: datetime) -> None:
    assert next_opening(VN_2026, moment) == expected


BETWEEN_CASES = [
    ("one full day", vn(2026, 3, 2, 7, 30), vn(2026, 3, 2, 17), [], 8 * H),
    ("lunch does not count", vn(2026, 3, 2, 11), vn(2026, 3, 2, 13, 30), [], H),
    ("empty range", vn(2026, 3, 2, 9), vn(2026, 3, 2, 9), [], timedelta()),
    ("reversed range is zero", vn(2026, 3, 3, 9), vn(2026, 3, 2, 9), [], timedelta()),
    ("over Tết", vn(2026, 2, 13, 7, 30), vn(2026, 2, 23, 17), [], 16 * H),
    ("worked Saturday counts", vn(2026, 8, 21, 7, 30), vn(2026, 8, 24, 7, 30), [], 16 * H),
    ("over 2/9", vn(2026, 8, 28, 7, 30), vn(2026, 9, 4, 7, 30), [], 16 * H),
    ("across the year end", vn(2026, 12, 31, 13), vn(2027, 1, 4, 11, 30), [], 8 * H),
    (
        "overlapping pauses counted once",
        vn(2026, 3, 2, 7, 30),
        vn(2026, 3, 6, 17),
        [(vn(2026, 3, 3, 7, 30), vn(2026, 3, 4, 7, 30)), (vn(2026, 3, 3, 13), vn(2026, 3, 4, 11, 30))],
        28 * H,
    ),
    (
        "identical pauses counted once",
        vn(2026, 3, 2, 7, 30),
        vn(2026, 3, 2, 17),
        [(vn(2026, 3, 2, 8), vn(2026, 3, 2, 9))] * 3,
        7 * H,
    ),
    (
        "pause outside office hours changes nothing",
        vn(2026, 3, 2, 7, 30),
        vn(2026, 3, 3, 17),
        [(vn(2026, 3, 2, 17), vn(2026, 3, 3, 7, 30)), (vn(2026, 3, 2, 11, 30), vn(2026, 3, 2, 13))],
        16 * H,
    ),
    (
        "pause beyond the range is clipped",
        vn(2026, 3, 2, 9),
        vn(2026, 3, 3, 9),
        [(vn(2026, 3, 3, 8), vn(2026, 3, 10))],
        7 * H,  # Monday 09:00-17:00 (6.5 h) + Tuesday 07:30-08:00
    ),
    (
        "pause over a holiday subtracts only working time",
        vn(2026, 4, 29, 7, 30),
        vn(2026, 5, 5, 7, 30),
        [(vn(2026, 4, 29, 17), vn(2026, 5, 4, 11, 30))],
        12 * H,
    ),
    ("zero-length pause", vn(2026, 3, 2, 7, 30), vn(2026, 3, 2, 17), [(vn(2026, 3, 2, 9), vn(2026, 3, 2, 9))], 8 * H),
]


@pytest.mark.parametrize(
    ("label", "start", "end", "pauses", "expected"), BETWEEN_CASES, ids=[c[0] for c in BETWEEN_CASES]
)
def test_working_time_between(label: str, start: datetime, end: datetime, pauses: list, expected: timedelta) -> None:
    assert working_time_between(VN_2026, start, end, pauses) == expected


def test_reversed_pause_is_refused() -> None:
    with pytest.raises(ValueError, match="pause"):
        working_time_between(VN_2026, vn(2026, 3, 2), vn(2026, 3, 3), [(vn(2026, 3, 2, 10), vn(2026, 3, 2, 9))])


def _grid_starts() -> list[datetime]:
    # Deterministic starts every 7 h 13 min from late 2025 to early 2027: they land at every
    # time of day, on weekends, holidays, the worked Saturday and across both year ends.
    first = vn(2025, 12, 20, 0, 7)
    return [first + i * timedelta(hours=7, minutes=13) for i in range(0, 1_800, 3)]


@pytest.mark.parametrize("hours", [Decimal(0), Decimal("0.25"), Decimal(1), Decimal("3.5"), Decimal(8), Decimal(37)])
def test_between_inverts_add(hours: Decimal) -> None:
    for start in _grid_starts():
        due = add_working_time(VN_2026, start, hours=hours)
        assert working_time_between(VN_2026, start, due) == timedelta(hours=float(hours)), start
        assert due >= start


def test_days_are_eight_hours_and_due_is_monotonic() -> None:
    for start in _grid_starts()[::5]:
        previous = None
        for days in range(4):
            due = add_working_time(VN_2026, start, days=days)
            assert due == add_working_time(VN_2026, start, hours=8 * days)
            if days:
                # The earliest-moment convention: the due moment is working time or a closing time.
                local = due.timetz().replace(tzinfo=None)
                assert is_working_time(VN_2026, due) or local in {time(11, 30), time(17)}
                assert previous is not None and due > previous
            previous = due


SAME_DAY_CASES = [
    ("before the cut-off", vn(2026, 3, 2, 14, 59), vn(2026, 3, 2, 17)),
    ("at the cut-off", vn(2026, 3, 2, 15), vn(2026, 3, 3, 17)),
    ("early morning", vn(2026, 3, 2, 6), vn(2026, 3, 2, 17)),
    ("Saturday", vn(2026, 3, 7, 9), vn(2026, 3, 9, 17)),
    ("Friday after cut-off before Tết", vn(2026, 2, 13, 16), vn(2026, 2, 23, 17)),
    ("Friday after cut-off before the worked Saturday", vn(2026, 8, 21, 15, 30), vn(2026, 8, 22, 17)),
    ("on a holiday", vn(2026, 4, 30, 9), vn(2026, 5, 4, 17)),
]


@pytest.mark.parametrize(("label", "start", "expected"), SAME_DAY_CASES, ids=[c[0] for c in SAME_DAY_CASES])
def test_due_for_same_day(label: str, start: datetime, expected: datetime) -> None:
    assert due_for(VN_2026, start, 0, DurationUnit.SAME_DAY) == expected


def test_due_for_other_units_and_cutoff() -> None:
    start = vn(2026, 4, 24, 10)
    assert due_for(VN_2026, start, 1, DurationUnit.WORKING_DAYS) == vn(2026, 4, 28, 10)
    assert due_for(VN_2026, start, Decimal("1.5"), "working_days") == vn(2026, 4, 28, 15, 30)
    assert due_for(VN_2026, start, 4, DurationUnit.WORKING_HOURS) == vn(2026, 4, 24, 15, 30)
    assert due_for(VN_2026, vn(2026, 3, 2, 15, 30), 0, "same_day", same_day_cutoff=time(16)) == vn(2026, 3, 2, 17)
    with pytest.raises(ValueError):
        due_for(VN_2026, start, 1, "weeks")
    with pytest.raises(ValueError):
        due_for(VN_2026, start, -1, DurationUnit.WORKING_DAYS)


@pytest.mark.parametrize(
    ("finished", "expected"),
    [
        (vn(2026, 3, 6, 16), CompletionTiming.EARLY),  # Friday before a Monday due date
        (vn(2026, 3, 8, 23, 59), CompletionTiming.EARLY),  # Sunday night
        (datetime(2026, 3, 8, 17, 30, tzinfo=UTC), CompletionTiming.ON_TIME),  # Monday 00:30 in Hà Nội
        (vn(2026, 3, 9, 8), CompletionTiming.ON_TIME),
        (vn(2026, 3, 9, 17), CompletionTiming.ON_TIME),  # exactly at the due moment
        (vn(2026, 3, 9, 17, 0, 1), CompletionTiming.LATE),
        (vn(2026, 3, 10, 8), CompletionTiming.LATE),
    ],
)
def test_classify_completion(finished: datetime, expected: CompletionTiming) -> None:
    result = classify_completion(finished, vn(2026, 3, 9, 17))
    assert result == expected
    assert result == expected.value  # usable as a plain string


def test_calendar_helpers_and_validation() -> None:
    assert VN_2026.hours_per_day == Decimal(8)
    assert VN_2026.day_length == 8 * H
    assert VN_2026.is_working_day(date(2026, 8, 22))
    assert not VN_2026.is_working_day(date(2026, 2, 17))
    assert VN_2026.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    short = WorkingCalendar(office_hours=parse_office_hours("08:00-12:00, 13:30-15:30"))
    assert short.hours_per_day == Decimal(6)
    assert add_working_time(short, vn(2026, 3, 2, 8), days=1) == vn(2026, 3, 2, 15, 30)
    with pytest.raises(ValueError, match="overlap"):
        WorkingCalendar(office_hours=((time(8), time(12)), (time(11), time(17))))
    with pytest.raises(ValueError, match="empty or reversed"):
        WorkingCalendar(office_hours=((time(12), time(8)),))
    with pytest.raises(ValueError, match="weekdays"):
        WorkingCalendar(working_weekdays=frozenset({7}))


def test_calendar_without_working_days_fails_instead_of_looping() -> None:
    with pytest.raises(ValueError, match="no working day"):
        add_working_time(WorkingCalendar(working_weekdays=frozenset()), vn(2026, 3, 2), hours=1)


def test_other_time_zone_calendar() -> None:
    paris = ZoneInfo("Europe/Paris")
    cal = WorkingCalendar(tz=paris)
    # Sunday 29/3/2026 is the daylight-saving switch; Monday is an ordinary 8-hour day.
    start = datetime(2026, 3, 27, 16, tzinfo=paris)
    assert add_working_time(cal, start, hours=2) == datetime(2026, 3, 30, 8, 30, tzinfo=paris)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("07:30-11:30,13:00-17:00", ((time(7, 30), time(11, 30)), (time(13), time(17)))),
        (" 8:00 - 12:00 ", ((time(8), time(12)),)),
    ],
)
def test_parse_office_hours(raw: str, expected: tuple) -> None:
    assert parse_office_hours(raw) == expected


@pytest.mark.parametrize("raw", ["", "7-11", "07:30-11:30;13:00-17:00", "25:00-26:00"])
def test_parse_office_hours_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_office_hours(raw)


def test_parse_weekdays() -> None:
    assert parse_weekdays("0,1,2,3,4") == frozenset(range(5))
    assert parse_weekdays("0, 1, 2, 3, 4, 5") == frozenset(range(6))
    for bad in ["", "0,7", "mon", "-1"]:
        with pytest.raises(ValueError):
            parse_weekdays(bad)
