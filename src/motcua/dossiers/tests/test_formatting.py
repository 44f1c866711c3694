"""Dates, moments and money as Vietnamese forms and messages write them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from motcua.dossiers.formatting import official_date, vn_date, vn_money


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 12, 5), "ngày 05 tháng 12 năm 2026"),
        (date(2026, 3, 2), "ngày 02 tháng 3 năm 2026"),  # months from March on: no leading zero
        (date(2026, 2, 15), "ngày 15 tháng 02 năm 2026"),  # January and February: a leading zero
        (date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
        # 18:00 UTC on 4 December is already 5 December in the province (UTC+7).
        (datetime(2026, 12, 4, 18, 0, tzinfo=UTC), "ngày 05 tháng 12 năm 2026"),
        (None, "ngày ... tháng ... năm ..."),
    ],
)
def test_official_date_follows_decree_30(value, expected):
    assert official_date(value) == expected


def test_short_date_and_money_stay_numeric():
    assert vn_date(date(2026, 12, 5)) == "05/12/2026"
    assert vn_money(1250000) == "1.250.000 đ"
