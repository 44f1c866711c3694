"""Applicant validators, table-driven."""

from __future__ import annotations

import datetime

import pytest

from motcua.accounts.validators import (
    InvalidApplicantData,
    birth_year_from_citizen_id,
    check_citizen_id_matches_birth_date,
    normalise_email,
    normalise_phone,
    validate_citizen_id,
    validate_tax_code,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("025095000123", "025095000123"),  # Phú Thọ, male, 1995
        ("001305012345", "001305012345"),  # Hà Nội, female, 2005
        (" 096 199 123 456 ", "096199123456"),  # Cà Mau, spaces removed
        ("026188999999", "026188999999"),
    ],
)
def test_valid_citizen_ids(value, expected):
    assert validate_citizen_id(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "Chưa nhập"),
        ("02509500012", "đúng 12 chữ số"),
        ("0250950001234", "đúng 12 chữ số"),
        ("02509500012A", "đúng 12 chữ số"),
        ("025-095-000-123", "đúng 12 chữ số"),
        ("000095000123", "(000)"),
        ("003095000123", "(003)"),  # 003 is not a province code
        ("097095000123", "(097)"),
        ("999095000123", "(999)"),
    ],
)
def test_invalid_citizen_ids(value, reason):
    with pytest.raises(InvalidApplicantData) as caught:
        validate_citizen_id(value)
    assert reason in caught.value.message
    assert caught.value.fields == {"id_number": [caught.value.message]}


@pytest.mark.parametrize(
    ("number", "year"),
    [("025095000123", 1995), ("025195000123", 1995), ("025205000123", 2005), ("025399000123", 2099)],
)
def test_birth_year_from_citizen_id(number, year):
    assert birth_year_from_citizen_id(number) == year


def test_citizen_id_must_match_the_birth_date():
    check_citizen_id_matches_birth_date("025095000123", datetime.date(1995, 3, 1))
    check_citizen_id_matches_birth_date("025095000123", None)
    with pytest.raises(InvalidApplicantData, match="năm sinh"):
        check_citizen_id_matches_birth_date("025095000123", datetime.date(2005, 3, 1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2600123456", "2600123456"), ("2600123456-001", "2600123456-001"), (" 0101243150 ", "0101243150")],
)
def test_valid_tax_codes(value, expected):
    assert validate_tax_code(value) == expected


@pytest.mark.parametrize("value", ["", "260012345", "26001234567", "2600123456-01", "2600123456001", "26001234AB"])
def test_invalid_tax_codes(value):
    with pytest.raises(InvalidApplicantData) as caught:
        validate_tax_code(value)
    assert caught.value.field == "tax_code"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0912345678", "0912345678"),
        ("091 234 5678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("0084912345678", "0912345678"),
        ("(0210) 3846 466", "02103846466"),  # landline, 11 digits
    ],
)
def test_phone_normalisation(value, expected):
    assert normalise_phone(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "091234567", "09123456789", "1912345678", "+8491234567", "+1 912 345 678", "09123abcde", "0312345678901"],
)
def test_invalid_phones(value):
    with pytest.raises(InvalidApplicantData) as caught:
        normalise_phone(value)
    assert caught.value.field == "phone"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("nguyenvana@Gmail.COM", "nguyenvana@gmail.com"), (" To.Chuc@PhuTho.gov.vn ", "To.Chuc@phutho.gov.vn")],
)
def test_email_normalisation(value, expected):
    assert normalise_email(value) == expected


@pytest.mark.parametrize("value", ["", "khong-phai-email", "a@", "@b.vn", "a b@c.vn"])
def test_invalid_emails(value):
    with pytest.raises(InvalidApplicantData) as caught:
        normalise_email(value)
    assert caught.value.field == "email"
