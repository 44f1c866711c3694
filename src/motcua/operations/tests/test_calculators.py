"""Table-driven tests of the pure calculators: periods, rates, the Decision 766 conversion and index."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from motcua.operations import index766, periods, rates

TODAY = date(2026, 5, 14)


@pytest.mark.parametrize(
    ("params", "kind", "first", "last", "label"),
    [
        ({}, "month", date(2026, 5, 1), date(2026, 5, 31), "Tháng 05/2026"),
        (
            {"period": "month", "year": "2024", "month": "2"},
            "month",
            date(2024, 2, 1),
            date(2024, 2, 29),
            "Tháng 02/2024",
        ),
        (
            {"period": "month", "year": "2025", "month": "12"},
            "month",
            date(2025, 12, 1),
            date(2025, 12, 31),
            "Tháng 12/2025",
        ),
        ({"period": "quarter"}, "quarter", date(2026, 4, 1), date(2026, 6, 30), "Quý 2/2026"),
        (
            {"period": "quarter", "quarter": "4", "year": "2025"},
            "quarter",
            date(2025, 10, 1),
            date(2025, 12, 31),
            "Quý 4/2025",
        ),
        ({"period": "year", "year": "2025"}, "year", date(2025, 1, 1), date(2025, 12, 31), "Năm 2025"),
        (
            {"period": "custom", "from": "01/03/2026", "to": "2026-03-10"},
            "custom",
            date(2026, 3, 1),
            date(2026, 3, 10),
            "01/03/2026 – 10/03/2026",
        ),
    ],
)
def test_periods_are_read_from_their_parameters(params, kind, first, last, label) -> None:
    period = periods.parse(params, today=TODAY)
    assert (period.kind, period.first_day, period.last_day, period.label) == (kind, first, last, label)
    assert periods.parse(period.query(), today=date(1999, 1, 1)) == period  # the links keep the period


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "week"}, "period"),
        ({"period": "month", "month": "13"}, "month"),
        ({"period": "quarter", "quarter": "x"}, "quarter"),
        ({"period": "year", "year": "1800"}, "year"),
        ({"period": "custom", "from": "32/01/2026", "to": "01/02/2026"}, "from"),
        ({"period": "custom", "from": "10/03/2026", "to": "01/03/2026"}, "to"),
        ({"period": "custom", "from": "01/01/2020", "to": "01/01/2026"}, "to"),
    ],
)
def test_bad_periods_name_their_field(params, field) -> None:
    with pytest.raises(periods.PeriodError) as error:
        periods.parse(params, today=TODAY)
    assert error.value.field == field and error.value.message


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        (periods.month(2026, 1), periods.month(2025, 12)),
        (periods.month(2026, 3), periods.month(2026, 2)),
        (periods.quarter(2026, 1), periods.quarter(2025, 4)),
        (periods.year(2026), periods.year(2025)),
        (
            periods.Period("custom", date(2026, 3, 11), date(2026, 3, 20)),
            periods.Period("custom", date(2026, 3, 1), date(2026, 3, 10)),
        ),
    ],
)
def test_previous_period(period, previous) -> None:
    assert period.previous() == previous


@pytest.mark.parametrize(
    ("figures", "on_time", "within"),
    [
        ({}, None, None),  # nothing resolved: no rate, not 100 %
        ({"resolved": 10, "resolved_early": 3, "resolved_on_time": 5, "resolved_late": 2}, 0.8, 0.8),
        ({"resolved": 4, "resolved_on_time": 4, "in_progress": 6, "in_progress_within": 3}, 1.0, 0.7),
        ({"in_progress": 2, "in_progress_within": 0}, None, 0.0),
    ],
)
def test_on_time_rates(figures, on_time, within) -> None:
    assert rates.on_time_rate(figures) == on_time
    assert rates.within_time_rate(figures) == within


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (0.0, Decimal("0.0")), (0.99985, Decimal("100.0")), (0.98765, Decimal("98.8"))],
)
def test_percent_rounds_half_up(value, expected) -> None:
    assert rates.percent(value) == expected


@pytest.mark.parametrize(("count", "index"), [(0, None), (1, 0), (9, 8), (10, 8), (11, 9), (100, 89), (101, 90)])
def test_p90_nearest_rank(count, index) -> None:
    assert rates.nearest_rank_index(count, 0.9) == index


@pytest.mark.parametrize(
    ("now", "before", "moved"), [(1, 3, 2), (3, 1, -2), (2, 2, 0), (None, 1, None), (1, None, None)]
)
def test_movement(now, before, moved) -> None:
    assert rates.movement(now, before) == moved


@pytest.mark.parametrize(
    ("ratio", "max_points", "target", "points"),
    [
        (1.0, Decimal(20), Decimal(1), Decimal("20.00")),
        (0.85, Decimal(20), Decimal(1), Decimal("17.00")),  # 85 % on time scores 17 of 20
        (0.4, Decimal(12), Decimal("0.8"), Decimal("6.00")),
        (0.8, Decimal(12), Decimal("0.8"), Decimal("12.00")),  # the target reached: full points
        (0.95, Decimal(12), Decimal("0.8"), Decimal("12.00")),
        (0.0, Decimal(6), Decimal("0.5"), Decimal("0.00")),
        (1 / 3, Decimal(6), Decimal("0.9"), Decimal("2.22")),
    ],
)
def test_766_conversion(ratio, max_points, target, points) -> None:
    assert index766.convert(ratio, max_points, target) == points


@pytest.mark.parametrize(
    ("points", "name"),
    [
        (Decimal(100), "Xuất sắc"),
        (Decimal(90), "Xuất sắc"),
        (Decimal("89.99"), "Tốt"),
        (Decimal(70), "Khá"),
        (Decimal(50), "Trung bình"),
        (Decimal("49.9"), "Yếu"),
        (Decimal(0), "Yếu"),
    ],
)
def test_bands(points, name) -> None:
    assert index766.band(points)[0] == name
    assert index766.band(None) is None


def test_groups_total_100_and_every_sub_indicator_sits_in_its_group() -> None:
    assert sum(g.max_points for g in index766.GROUPS) == 100
    for group in index766.GROUPS:
        assert sum(s.max_points for s in index766.SUB_INDICATORS if s.group == group.key) == group.max_points


def test_index_of_a_unit_with_85_percent_on_time() -> None:
    counts = {
        "resolved": 100,
        "resolved_early": 40,
        "resolved_on_time": 45,
        "resolved_late": 15,
        "received": 120,
        "digitised": 120,
        "reused": 30,
        "returned": 100,
        "electronic_results": 40,
        "full_online": 50,
        "full_online_online": 20,
        "with_fees": 10,
        "paid_online": 5,
        "ratings": 20,
        "ratings_not_satisfied": 1,
    }
    scored = index766.score(counts)
    subs = {s.indicator.key: s for g in scored.groups for s in g.subs}
    assert subs["tdgq_on_time"].points == Decimal("17.00")
    assert subs["dvctt_full_online"].points == Decimal("6.00")  # 40 % of an 80 % target
    assert subs["tttt_dossiers"].points == Decimal("6.00")  # 50 % reaches the target
    assert subs["mdsh_results"].points == Decimal("3.00")
    assert subs["mdsh_components"].points == Decimal("4.00")
    assert subs["mdsh_reuse"].points == Decimal("1.00")  # 25 % of a 50 % target
    assert subs["mdhl_dossiers"].points == Decimal("5.33")  # 1 − (15 % + 5 %) = 80 %, of 90 %
    # Held nationally: never scored; feedback: no provider, no data.
    assert subs["ckmb_published"].status == "national" and subs["ckmb_published"].points is None
    assert subs["mdhl_feedback_on_time"].status == "no_data"
    assert subs["tttt_procedures"].status == "no_data"  # no procedure counters given
    assert scored.points == Decimal("42.33")
    assert scored.known_max == Decimal(56)
    assert scored.national_max == Decimal(
        30
    )  # CKMB 18, online-payment offer 2, certified copies 2, store 4, population 4
    assert scored.on_known_scale == Decimal("75.59")


def test_feedback_figures_fill_their_sub_indicators() -> None:
    scored = index766.score({}, feedback={"on_time": (9, 10), "satisfaction": (1, 2)})
    subs = {s.indicator.key: s for g in scored.groups for s in g.subs}
    assert subs["mdhl_feedback_on_time"].points == Decimal("6.00")
    assert subs["mdhl_feedback_satisfaction"].points == Decimal("3.33")
    assert subs["tdgq_on_time"].status == "no_data"
