"""Public calendar API: the official 2026 days off, due dates and the 400 error shape."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client

from motcua.workdays import services
from motcua.workdays.models import OverrideKind

pytestmark = pytest.mark.django_db

DUE = "/api/v1/calendar/due-date"
HOLIDAYS = "/api/v1/calendar/holidays"


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    cache.clear()  # the public throttle counts requests in the cache
    yield
    cache.clear()


def get(client: Client, url: str, **params: str) -> tuple[int, object]:
    response = client.get(f"{url}?{urlencode(params)}" if params else url)
    return response.status_code, response.json()


OFFICIAL_2026 = [
    ("2026-01-01", "Tết Dương lịch", "holiday"),
    ("2026-02-16", "Giao thừa Tết Nguyên Đán", "holiday"),
    ("2026-02-17", "Tết Nguyên Đán", "holiday"),
    ("2026-02-18", "Mùng hai Tết Nguyên Đán", "holiday"),
    ("2026-02-19", "Mùng ba Tết Nguyên Đán", "holiday"),
    ("2026-02-20", "Mùng bốn Tết Nguyên Đán", "holiday"),
    ("2026-04-26", "Ngày Giỗ Tổ Hùng Vương", "holiday"),
    ("2026-04-27", "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)", "compensatory"),
    ("2026-04-30", "Ngày Chiến thắng", "holiday"),
    ("2026-05-01", "Ngày Quốc tế Lao động", "holiday"),
    ("2026-08-22", "Làm việc bù cho ngày 31/08/2026", "working_day"),
    ("2026-08-31", "Ngày nghỉ (thay cho ngày 22/08/2026)", "compensatory"),
    ("2026-09-01", "Quốc khánh", "holiday"),
    ("2026-09-02", "Quốc khánh", "holiday"),
]


def test_holidays_2026_are_the_official_days_off(client: Client) -> None:
    status, body = get(client, HOLIDAYS, year="2026")
    assert status == 200
    assert [(d["date"], d["name"], d["kind"]) for d in body] == OFFICIAL_2026
    assert [d["day_off"] for d in body] == [kind != "working_day" for _, _, kind in OFFICIAL_2026]


def test_culture_day_can_be_counted_by_setting(client: Client, settings: object) -> None:
    settings.WORKDAYS_EXCLUDED_HOLIDAYS = []  # type: ignore[attr-defined]
    _, body = get(client, HOLIDAYS, year="2026")
    assert {"date": "2026-11-24", "name": "Ngày Văn hóa Việt Nam", "kind": "holiday", "day_off": True} in body
    status, due = get(client, DUE, start="2026-11-23T10:00:00+07:00", working_days="1")
    assert (status, due["due"]) == (200, "2026-11-25T10:00:00+07:00")


def test_overrides_show_in_the_list_and_the_due_dates(client: Client) -> None:
    services.add_override(actor=None, day=date(2026, 3, 6), kind=OverrideKind.DAY_OFF, name="Nghỉ đột xuất")
    _, body = get(client, HOLIDAYS, year="2026")
    assert {"date": "2026-03-06", "name": "Nghỉ đột xuất", "kind": "day_off", "day_off": True} in body
    _, due = get(client, DUE, start="2026-03-05T10:00:00+07:00", working_days="1")
    assert due["due"] == "2026-03-09T10:00:00+07:00"


DUE_CASES = [
    ({"start": "2026-02-12T09:00:00+07:00", "working_days": "5"}, "2026-02-26T09:00:00+07:00"),
    ({"start": "2026-02-13T16:00:00+07:00", "working_hours": "2"}, "2026-02-23T08:30:00+07:00"),
    ({"start": "2026-04-24T10:00:00+07:00", "working_days": "1"}, "2026-04-28T10:00:00+07:00"),
    ({"start": "2026-04-29T10:00:00+07:00", "working_days": "1"}, "2026-05-04T10:00:00+07:00"),
    ({"start": "2026-08-28T10:00:00+07:00", "working_days": "1"}, "2026-09-03T10:00:00+07:00"),
    ({"start": "2026-08-21T10:00:00+07:00", "working_days": "1"}, "2026-08-22T10:00:00+07:00"),
    ({"start": "2026-03-02T07:30:00+07:00", "working_hours": "8"}, "2026-03-02T17:00:00+07:00"),
    ({"start": "2026-03-02T18:00:00+07:00", "working_hours": "0.5"}, "2026-03-03T08:00:00+07:00"),
    ({"start": "2026-03-02T04:45:00Z", "working_hours": "1"}, "2026-03-02T14:00:00+07:00"),  # 11:45 local
    ({"start": "2026-12-31T14:00:00+07:00", "working_days": "1"}, "2027-01-04T14:00:00+07:00"),
    ({"start": "2026-03-02T09:00:00 07:00", "working_days": "0"}, "2026-03-02T09:00:00+07:00"),  # unencoded +
]


@pytest.mark.parametrize(("params", "expected"), DUE_CASES)
def test_due_date(client: Client, params: dict[str, str], expected: str) -> None:
    status, body = get(client, DUE, **params)
    assert status == 200, body
    assert body["due"] == expected
    unit = "working_days" if "working_days" in params else "working_hours"
    assert body[unit] == float(params[unit])
    assert body["start"].endswith("+07:00")
    assert set(body) == {"start", "due", unit}


BAD_DUE = [
    ({"working_days": "1"}, "start"),
    ({"start": "2026-03-02T09:00:00", "working_days": "1"}, "start"),  # naive
    ({"start": "02/03/2026 09:00", "working_days": "1"}, "start"),
    ({"start": "1850-03-02T09:00:00+07:00", "working_days": "1"}, "start"),
    ({"start": "2098-12-31T23:00:00-05:00", "working_days": "1"}, "start"),  # 2099 in Hà Nội
    ({"start": "2026-03-02T09:00:00+07:00"}, "working_days"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_days": "1", "working_hours": "8"}, "working_hours"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_days": "-1"}, "working_days"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_days": "năm"}, "working_days"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_days": "NaN"}, "working_days"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_hours": "Infinity"}, "working_hours"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_days": "366"}, "working_days"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_days": "1e9"}, "working_days"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_hours": "2921"}, "working_hours"),
    ({"start": "2026-03-02T09:00:00+07:00", "working_hours": "0.125"}, "working_hours"),
]


@pytest.mark.parametrize(("params", "field"), BAD_DUE)
def test_due_date_bad_parameters(client: Client, params: dict[str, str], field: str) -> None:
    status, body = get(client, DUE, **params)
    assert status == 400
    assert body["code"] == "invalid"
    assert body["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert field in body["fields"]
    assert all(isinstance(message, str) and message for message in body["fields"][field])


@pytest.mark.parametrize("year", ["", "abc", "1999", "2099", "99999999999999999999", "2026.5"])
def test_holidays_bad_year(client: Client, year: str) -> None:
    status, body = get(client, HOLIDAYS, year=year)
    assert status == 400
    assert body["code"] == "invalid"
    assert "year" in body["fields"]


def test_holidays_requires_year(client: Client) -> None:
    status, body = get(client, HOLIDAYS)
    assert (status, body["fields"]) == (400, {"year": ["Cần tham số year, ví dụ year=2026."]})


def test_messages_are_vietnamese(client: Client) -> None:
    _, body = get(client, DUE, start="2026-03-02T09:00:00", working_days="1")
    assert body["fields"]["start"] == ["Thời điểm phải có múi giờ (ví dụ +07:00 hoặc Z)."]
    _, body = get(client, DUE, start="2026-03-02T09:00:00+07:00", working_days="-1")
    assert body["fields"]["working_days"] == ["Không được là số âm."]


def test_public_without_authentication_and_read_only(client: Client) -> None:
    assert client.get(f"{DUE}?start=2026-03-02T09:00:00%2B07:00&working_days=1").status_code == 200
    response = client.post(DUE, {})
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
