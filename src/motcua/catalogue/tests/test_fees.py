"""The amount due by channel and exemption (a pure function), and reading channels from published tables."""

from __future__ import annotations

import pytest

from motcua.catalogue.fees import FeeItem, channels_from_name, fees_due, published_rows, total, unpriced

COUNTER_RATE = FeeItem("Lệ phí đăng ký cư trú - nộp trực tiếp", 20_000, ("counter", "postal"))
ONLINE_RATE = FeeItem("Lệ phí đăng ký cư trú - nộp trực tuyến", 10_000, ("online",))
EVERY_CHANNEL = FeeItem("Phí chứng thực", 10_000)
HALF_ONLINE = FeeItem("Phí thẩm định", 400_000, online_reduction_percent=50)
FREE_ONLINE = FeeItem("Lệ phí đăng ký doanh nghiệp", 50_000, online_reduction_percent=100)
EXEMPTABLE = FeeItem("Phí cung cấp thông tin", 200_000, exemptions="Trẻ em; người thuộc hộ nghèo")
SET_ELSEWHERE = FeeItem("Lệ phí theo nghị quyết HĐND", None)
WAIVED = FeeItem("Lệ phí đăng ký khai sinh", 0)


@pytest.mark.parametrize(
    ("items", "channel", "exempt", "expected"),
    [
        # Đăng ký thường trú: each channel pays its own published rate, never both.
        ([COUNTER_RATE, ONLINE_RATE], "online", False, [("Lệ phí đăng ký cư trú - nộp trực tuyến", 10_000)]),
        ([COUNTER_RATE, ONLINE_RATE], "counter", False, [("Lệ phí đăng ký cư trú - nộp trực tiếp", 20_000)]),
        ([COUNTER_RATE, ONLINE_RATE], "postal", False, [("Lệ phí đăng ký cư trú - nộp trực tiếp", 20_000)]),
        ([EVERY_CHANNEL], "online", False, [("Phí chứng thực", 10_000)]),
        ([EVERY_CHANNEL], "postal", False, [("Phí chứng thực", 10_000)]),
        ([HALF_ONLINE], "online", False, [("Phí thẩm định", 200_000)]),
        ([HALF_ONLINE], "counter", False, [("Phí thẩm định", 400_000)]),
        ([FREE_ONLINE], "online", False, [("Lệ phí đăng ký doanh nghiệp", 0)]),
        ([EXEMPTABLE], "counter", True, [("Phí cung cấp thông tin", 0)]),
        ([EXEMPTABLE], "counter", False, [("Phí cung cấp thông tin", 200_000)]),
        ([EVERY_CHANNEL, EXEMPTABLE], "online", True, [("Phí chứng thực", 10_000), ("Phí cung cấp thông tin", 0)]),
        ([SET_ELSEWHERE, WAIVED], "counter", False, []),
        ([FeeItem("Phí", 9_999, online_reduction_percent=50)], "online", False, [("Phí", 4_999)]),
    ],
)
def test_fees_due(items, channel, exempt, expected):
    lines = fees_due(items, channel, exempt=exempt)
    assert [(line.name, line.amount_vnd) for line in lines] == expected
    assert total(lines) == sum(amount for _name, amount in expected)


def test_a_line_keeps_the_published_amount_and_says_why_it_differs():
    (online,) = fees_due([HALF_ONLINE], "online")
    assert (online.published_vnd, online.reduction) == (400_000, "Giảm 50% khi nộp trực tuyến")
    (exempted,) = fees_due([EXEMPTABLE], "counter", exempt=True)
    assert exempted.reduction == "Miễn: Trẻ em; người thuộc hộ nghèo"


def test_unpriced_rows_of_the_channel():
    online_only_unpriced = FeeItem("Lệ phí", None, ("online",))
    assert unpriced([SET_ELSEWHERE, online_only_unpriced, EVERY_CHANNEL], "counter") == ["Lệ phí theo nghị quyết HĐND"]


@pytest.mark.parametrize(
    ("name", "channels"),
    [
        ("Lệ phí đăng ký cư trú - nộp trực tuyến", ("online",)),
        ("Lệ phí đăng ký cư trú - nộp trực tiếp", ("counter", "postal")),
        ("Phí, lệ phí (Trực tuyến, Dịch vụ bưu chính, Trực tiếp)", ("counter", "online", "postal")),
        ("Phí, lệ phí (Dịch vụ bưu chính)", ("postal",)),
        ("Phí, lệ phí (Trực tiếp, Trực tuyến)", ("counter", "online")),
        ("Phí khi nộp trực tuyến (kể cả VNeID) từ 24/4/2025 đến 31/12/2025", ("online",)),
        ("Phí chứng thực bản sao", ()),
        ("Phí (theo trang)", ()),
    ],
)
def test_channels_from_name(name, channels):
    assert channels_from_name(name) == channels


def test_a_separate_online_rate_in_the_note_becomes_its_own_row():
    rows = published_rows("Phí thẩm định - dưới 200 m3", 400_000, "nộp trực tuyến: 200.000 đồng")
    assert [(r["amount_vnd"], r["channels"]) for r in rows] == [
        (400_000, ["counter", "postal"]),
        (200_000, ["online"]),
    ]
    same = published_rows("Lệ phí", 20_000, "20.000 đồng/lần")
    assert [(r["amount_vnd"], r["channels"]) for r in same] == [(20_000, [])]


@pytest.mark.django_db
def test_the_migration_gives_existing_rows_the_channels_their_names_state():
    import importlib

    from django.apps import apps

    from motcua.catalogue.models import Fee
    from motcua.catalogue.tests.factories import make_procedure

    make_procedure(
        fees=[
            {"name": "Lệ phí đăng ký cư trú - nộp trực tiếp", "amount_vnd": 20_000},
            {"name": "Lệ phí đăng ký cư trú - nộp trực tuyến", "amount_vnd": 10_000},
            {"name": "Phí chứng thực", "amount_vnd": 10_000},
        ]
    )
    assert not Fee.objects.exclude(channels=[]).exists()  # as rows were before the migration
    migration = importlib.import_module("motcua.catalogue.migrations.0007_fee_channels_and_online_reduction")
    migration.channels_from_names(apps, None)
    assert [f.channels for f in Fee.objects.order_by("order")] == [["counter", "postal"], ["online"], []]
    for name in ("Phí, lệ phí (Dịch vụ bưu chính, Trực tiếp)", "Lệ phí - nộp trực tuyến", "Phí"):
        assert migration._channels(name) == list(channels_from_name(name))  # the frozen copy agrees
