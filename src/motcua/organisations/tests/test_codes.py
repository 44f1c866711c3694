"""Agency identifier codes: both forms, table-driven."""

from __future__ import annotations

import pytest

from motcua.organisations.codes import (
    CodeForm,
    InvalidAgencyCode,
    classify,
    is_valid_agency_code,
    parse_agency_code,
)

VALID = [
    # value, form, groups (level 1 first)
    ("H55.242", CodeForm.CURRENT, ("H55", "242")),
    ("G06.01", CodeForm.CURRENT, ("G06", "01")),
    ("H25", CodeForm.CURRENT, ("H25",)),
    ("h25.01.02", CodeForm.CURRENT, ("H25", "01", "02")),
    (" H25.TTPVHCC ", CodeForm.CURRENT, ("H25", "TTPVHCC")),
    ("A01." + "1" * 31, CodeForm.CURRENT, ("A01", "1" * 31)),  # exactly 35 characters
    ("000.00.06.H56", CodeForm.LEGACY, ("H56", "06")),
    ("000.00.00.H56", CodeForm.LEGACY, ("H56",)),
    ("000.21.35.H56", CodeForm.LEGACY, ("H56", "35", "21")),
    ("101.21.35.H56", CodeForm.LEGACY, ("H56", "35", "21", "101")),
    ("000.00.12.G03", CodeForm.LEGACY, ("G03", "12")),
]


@pytest.mark.parametrize(("value", "form", "groups"), VALID)
def test_valid_codes(value, form, groups):
    code = parse_agency_code(value)
    assert (code.form, code.groups, code.level) == (form, groups, len(groups))
    assert code.value == value.strip().upper()
    assert classify(value) == form
    assert is_valid_agency_code(value)


INVALID = [
    ("", "Chưa nhập"),
    ("   ", "Chưa nhập"),
    ("A01." + "1" * 32, "tối đa 35"),
    ("H25-01", "chỉ gồm chữ cái"),
    ("H25.Đ1", "chỉ gồm chữ cái"),
    ("H25 01", "chỉ gồm chữ cái"),
    ("H25..01", "nhóm rỗng"),
    (".H25", "nhóm rỗng"),
    ("H25.", "nhóm rỗng"),
    ("Z01.ABC", "mã cấp 1"),  # Z is not a level-1 letter
    ("H5.01", "mã cấp 1"),
    ("HH5.01", "mã cấp 1"),
    ("H00.01", "mã cấp 1"),
    ("25.01", "mã cấp 1"),
    ("00.00.06.H56", "13 ký tự"),
    ("0000.00.06.H56", "13 ký tự"),
    ("000.00.06.H5A", "13 ký tự"),
    ("000.00.00.H00", "không được là 00"),
    ("000.05.00.H56", "để trống"),
    ("001.00.06.H56", "để trống"),
]


@pytest.mark.parametrize(("value", "reason"), INVALID)
def test_invalid_codes_explain_why(value, reason):
    with pytest.raises(InvalidAgencyCode) as caught:
        parse_agency_code(value)
    assert reason in caught.value.message
    assert caught.value.fields == {"identifier_code": [caught.value.message]}
    assert classify(value) is None
    assert not is_valid_agency_code(value)


def test_hierarchy_reads_the_same_in_both_forms():
    province = parse_agency_code("H56")
    legacy_department = parse_agency_code("000.00.06.H56")
    current_division = parse_agency_code("H56.06.01")
    assert legacy_department.is_under(province)
    assert current_division.is_under(legacy_department)
    assert not province.is_under(legacy_department)
    assert not parse_agency_code("H55.06").is_under(province)
