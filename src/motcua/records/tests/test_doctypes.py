from __future__ import annotations

import pytest

from motcua.records.doctypes import DOCUMENT_TYPES, suggested_notation


def test_twenty_nine_types():
    assert len(DOCUMENT_TYPES) == 29


@pytest.mark.parametrize(
    ("kind", "agency", "unit", "expected"),
    [("Quyết định", "UBND", "", "QĐ-UBND"), ("Công văn", "UBND", "VP", "UBND-VP"), ("Hợp đồng", "STP", "", "HĐ-STP")],
)
def test_suggested_notation(kind, agency, unit, expected):
    assert suggested_notation(kind, agency, unit) == expected


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Sở Tư pháp", "department", "STP"),
        ("Ủy ban nhân dân phường Việt Trì", "peoples_committee", "UBND"),
        ("Phòng Hành chính tư pháp", "division", "HCTP"),
    ],
)
def test_abbreviation(name, kind, expected):
    from motcua.records.doctypes import abbreviation

    assert abbreviation(name, kind) == expected
