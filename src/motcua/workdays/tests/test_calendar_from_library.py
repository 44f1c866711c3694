"""The calendar built from the holiday library, the override table and the settings."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from motcua.organisations.tests.factories import AdministrativeUnitFactory
from motcua.workdays import selectors, services
from motcua.workdays.clock import add_working_time
from motcua.workdays.constants import VIETNAM_TZ
from motcua.workdays.models import OverrideKind
from motcua.workdays.tests.calendars import DAYS_OFF_2026

pytestmark = pytest.mark.django_db

YEAR_2026 = range(2026, 2027)


def test_2026_days_off_match_the_official_schedule() -> None:
    cal = selectors.get_calendar(years=YEAR_2026)
    assert dict(cal.days_off) == DAYS_OFF_2026
    assert cal.extra_working_days == frozenset({date(2026, 8, 22)})
    assert cal.hours_per_day == Decimal(8)
    assert cal.tz == VIETNAM_TZ


def test_culture_day_is_excluded_by_default_and_configurable(settings: pytest.FixtureRequest) -> None:
    assert date(2026, 11, 24) not in selectors.get_calendar(years=YEAR_2026).days_off
    settings.WORKDAYS_EXCLUDED_HOLIDAYS = []  # type: ignore[attr-defined]
    assert selectors.get_calendar(years=YEAR_2026).days_off[date(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"


def test_office_hours_and_weekdays_come_from_settings(settings: pytest.FixtureRequest) -> None:
    settings.OFFICE_HOURS = "08:00-12:00,13:30-17:30"  # type: ignore[attr-defined]
    settings.WORKING_WEEKDAYS = "0,1,2,3,4,5"  # type: ignore[attr-defined]
    cal = selectors.get_calendar(years=YEAR_2026)
    assert cal.office_hours == ((time(8), time(12)), (time(13, 30), time(17, 30)))
    assert cal.is_working_day(date(2026, 3, 7))  # a Saturday


def test_default_years_cover_the_past_and_the_future() -> None:
    cal = selectors.get_calendar()
    assert date(2020, 1, 1) in cal.days_off
    assert date(2027, 2, 8) in cal.days_off  # Tết 2027


def test_overrides_are_never_stale() -> None:
    before = selectors.get_calendar(years=YEAR_2026)
    assert before.is_working_day(date(2026, 3, 6))
    override = services.add_override(actor=None, day=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="Nghỉ bão")
    assert not selectors.get_calendar(years=YEAR_2026).is_working_day(date(2026, 3, 6))
    services.remove_override(actor=None, override=override)
    assert selectors.get_calendar(years=YEAR_2026) == before


def test_each_override_kind() -> None:
    services.add_override(actor=None, day=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="Nghỉ thêm")
    services.add_override(actor=None, day=date(2026, 3, 7), kind=OverrideKind.WORKING_DAY, name="Làm bù")
    services.add_override(actor=None, day=date(2026, 4, 30), kind=OverrideKind.NOT_A_HOLIDAY, name="Không nghỉ")
    cal = selectors.get_calendar(years=YEAR_2026)
    assert not cal.is_working_day(date(2026, 3, 6))
    assert cal.is_working_day(date(2026, 3, 7))
    assert cal.is_working_day(date(2026, 4, 30))
    kinds = {d.date: d.kind for d in selectors.calendar_days(2026)}
    assert kinds[date(2026, 3, 6)] == "day_off"
    assert kinds[date(2026, 3, 7)] == "working_day"
    assert date(2026, 4, 30) not in kinds


def test_closure_applies_to_its_unit_and_the_units_below() -> None:
    commune = AdministrativeUnitFactory(commune=True)
    other = AdministrativeUnitFactory(commune=True)
    services.add_override(
        actor=None,
        day=date(2026, 3, 6),
        kind=OverrideKind.CLOSURE,
        name="Nghỉ do lũ",
        administrative_unit=commune.parent,
    )
    start = datetime(2026, 3, 5, 10, tzinfo=VIETNAM_TZ)
    assert add_working_time(selectors.get_calendar(unit=commune), start, days=1).date() == date(2026, 3, 9)
    assert add_working_time(selectors.get_calendar(unit=commune.parent), start, days=1).date() == date(2026, 3, 9)
    assert add_working_time(selectors.get_calendar(unit=other), start, days=1).date() == date(2026, 3, 6)
    assert add_working_time(selectors.get_calendar(), start, days=1).date() == date(2026, 3, 6)
    assert date(2026, 3, 6) not in {d.date for d in selectors.calendar_days(2026)}
    assert date(2026, 3, 6) in {d.date for d in selectors.calendar_days(2026, unit=commune)}


def test_calendar_days_lists_weekend_holidays_but_not_ordinary_weekends() -> None:
    days = {d.date: d for d in selectors.calendar_days(2026)}
    assert days[date(2026, 4, 26)].kind == "holiday"  # Sunday Giỗ Tổ
    assert days[date(2026, 4, 27)].kind == "compensatory"
    assert date(2026, 4, 25) not in days
    assert days[date(2026, 8, 22)].is_day_off is False
    assert all(d.year == 2026 for d in days)


@pytest.mark.parametrize("year", [2000, 2026, 2098])
def test_calendar_covering_any_supported_year_knows_its_holidays(year: int) -> None:
    cal = selectors.get_calendar_covering(date(year, 6, 1))
    for covered in (year, year + 1, year + 2):
        assert date(covered, 1, 1) in cal.days_off
        assert any(day.year == covered and day.month == 9 for day in cal.days_off)  # Quốc khánh
