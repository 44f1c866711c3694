"""Applicant identity and contact validators. Pure: each returns the normalised value or raises.

Errors are ``InvalidApplicantData`` (a ``DomainError``) with a Vietnamese message and the field
name, so forms and the API can show them next to the input.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email as django_validate_email

from motcua.core.exceptions import DomainError
from motcua.core.text import ascii_digits, hidden_characters, normalise

# Province-of-birth codes of the 12-digit personal ID (TT 59/2021/TT-BCA): the 63 pre-2025
# NSO province codes, 001 Hà Nội … 096 Cà Mau. They did not change with the 2025 mergers.
BIRTH_PROVINCE_CODES = frozenset(
    {
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40,
        42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83,
        84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    }
)  # fmt: skip
_SEPARATORS = re.compile(r"[\s.\-()]")
# ASCII digits only: Python's \d also matches Arabic-Indic and other scripts' digits.
_DIGITS_12 = re.compile(r"[0-9]{12}")
_TAX_CODE = re.compile(r"[0-9]{10}(-[0-9]{3})?")
# Mobiles have 10 digits; landlines since 2017 have 11 (02 + area code + subscriber).
_PHONE = re.compile(r"0[0-9]{9}|02[0-9]{9}")


class InvalidApplicantData(DomainError):
    code = "invalid_applicant"

    def __init__(self, field: str, message: str):
        super().__init__(message, fields={field: [message]})
        self.field = field


def validate_citizen_id(value: str, *, field: str = "id_number") -> str:
    """A 12-digit personal ID (số định danh cá nhân / CCCD): digits 1–3 the province of birth
    registration, digit 4 century and gender, digits 5–6 the year of birth, then 6 random digits."""
    number = re.sub(r"\s", "", ascii_digits(value))
    if not number:
        raise InvalidApplicantData(field, "Chưa nhập số định danh cá nhân.")
    if not _DIGITS_12.fullmatch(number):
        raise InvalidApplicantData(field, "Số định danh cá nhân phải gồm đúng 12 chữ số.")
    if int(number[:3]) not in BIRTH_PROVINCE_CODES:
        raise InvalidApplicantData(
            field, f"Ba chữ số đầu ({number[:3]}) không phải mã tỉnh nơi đăng ký khai sinh hợp lệ (001–096)."
        )
    return number


def birth_year_from_citizen_id(number: str) -> int:
    """Year of birth encoded in a valid ID: digit 4 gives the century (0–1 → 1900s, 2–3 → 2000s, …)."""
    return 1900 + 100 * (int(number[3]) // 2) + int(number[4:6])


def check_citizen_id_matches_birth_date(number: str, date_of_birth: datetime.date | None) -> None:
    if date_of_birth is not None and birth_year_from_citizen_id(number) != date_of_birth.year:
        raise InvalidApplicantData(
            "id_number", "Số định danh cá nhân không khớp với năm sinh (chữ số thứ 4 đến 6 mã hóa thế kỷ và năm sinh)."
        )


def validate_tax_code(value: str, *, field: str = "tax_code") -> str:
    """A business tax code: 10 digits, or 10 digits, a hyphen and 3 digits for a branch."""
    code = re.sub(r"\s", "", ascii_digits(value))
    if not code:
        raise InvalidApplicantData(field, "Chưa nhập mã số thuế.")
    if not _TAX_CODE.fullmatch(code):
        raise InvalidApplicantData(
            field, "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị phụ thuộc)."
        )
    return code


def normalise_phone(value: str, *, field: str = "phone") -> str:
    """A mobile number as 10 digits starting with 0 (a landline: 11 digits starting with 02);
    ``+84``/``0084`` become ``0``, spaces, dots, hyphens and brackets are dropped."""
    phone = _SEPARATORS.sub("", ascii_digits(value))
    if not phone:
        raise InvalidApplicantData(field, "Chưa nhập số điện thoại.")
    for prefix in ("+84", "0084"):
        if phone.startswith(prefix):
            phone = "0" + phone[len(prefix) :]
            break
    if not _PHONE.fullmatch(phone):
        raise InvalidApplicantData(
            field, "Số điện thoại phải gồm 10 chữ số bắt đầu bằng 0 hoặc +84 (máy bàn: 11 chữ số bắt đầu bằng 02)."
        )
    return phone


def normalise_email(value: str, *, field: str = "email") -> str:
    """An e-mail address, the domain lower-cased."""
    email = value.strip()
    if not email:
        raise InvalidApplicantData(field, "Chưa nhập địa chỉ thư điện tử.")
    try:
        django_validate_email(email)
    except ValidationError:
        raise InvalidApplicantData(field, "Địa chỉ thư điện tử không hợp lệ.") from None
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def clean_text(value: str, *, field: str = "full_name") -> str:
    """A name or other text as stored (NFC, spaces collapsed); refused when it holds invisible characters
    (zero-width, text-direction overrides, control characters) that would make it read differently
    from what is stored."""
    hidden = hidden_characters(value)
    if hidden:
        raise InvalidApplicantData(
            field,
            "Nội dung chứa ký tự ẩn hoặc ký tự điều khiển hướng chữ ("
            + ", ".join(sorted(set(hidden))[:3])
            + "); vui lòng gõ lại, không dán từ văn bản khác.",
        )
    return normalise(value)
