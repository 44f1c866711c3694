"""Amounts in figures and in Vietnamese words, as receipts print them."""

from __future__ import annotations

import pytest

from motcua.payments.money import format_vnd, vnd_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (10_000, "Mười nghìn đồng"),
        (20_000, "Hai mươi nghìn đồng"),
        (50_000, "Năm mươi nghìn đồng"),
        (135_000, "Một trăm ba mươi lăm nghìn đồng"),
        (1_005, "Một nghìn không trăm lẻ năm đồng"),
        (1_000_005, "Một triệu không trăm lẻ năm đồng"),
        (2_600_000, "Hai triệu sáu trăm nghìn đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (3_050_010_000, "Ba tỷ không trăm năm mươi triệu không trăm mười nghìn đồng"),
    ],
)
def test_vnd_in_words(amount, words):
    assert vnd_in_words(amount) == words


def test_vnd_in_words_refuses_negative_amounts():
    with pytest.raises(ValueError, match="negative"):
        vnd_in_words(-1)


def test_format_vnd():
    assert format_vnd(1_234_000) == "1.234.000 đ"
    assert format_vnd(0) == "Miễn phí"
    assert format_vnd(None) == ""
