"""Identity numbers typed with other scripts' digits are stored in ASCII; invisible characters in names are refused."""

from __future__ import annotations

import pytest

from motcua.accounts.models import Applicant, ApplicantKind
from motcua.accounts.services import create_or_update_applicant, create_user
from motcua.accounts.validators import (
    InvalidApplicantData,
    clean_text,
    normalise_phone,
    validate_citizen_id,
    validate_tax_code,
)
from motcua.core.exceptions import DomainError

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("table", [ARABIC_INDIC, FULL_WIDTH])
def test_identity_numbers_in_other_digits_become_ascii(table):
    assert validate_citizen_id("025095000123".translate(table)) == "025095000123"
    assert validate_tax_code("0101234567-001".translate(table)) == "0101234567-001"
    assert normalise_phone("0912345678".translate(table)) == "0912345678"


@pytest.mark.parametrize("letters", ["O25O95OOO123", "02509500012½", "025095000１2x"])
def test_look_alike_characters_are_still_refused(letters):
    with pytest.raises(InvalidApplicantData):
        validate_citizen_id(letters)


@pytest.mark.parametrize(
    "name",
    [
        "Nguyễn\u200bVăn An",  # zero-width space
        "Nguyễn Văn\u200d An",  # zero-width joiner
        "\u202eNguyễn Văn An",  # right-to-left override
        "Nguyễn \u2066Văn\u2069 An",  # isolates
        "Nguyễn\u00adVăn",  # soft hyphen
        "Nguyễn\x07Văn",  # control character
        "\ufeffNguyễn Văn An",  # byte order mark
    ],
)
def test_names_with_invisible_characters_are_refused(name):
    with pytest.raises(InvalidApplicantData) as refused:
        clean_text(name)
    assert refused.value.field == "full_name" and "ký tự ẩn" in refused.value.message


def test_ordinary_vietnamese_names_pass_and_are_normalised():
    assert clean_text("  Nguyễn   Thị\tHồng  ") == "Nguyễn Thị Hồng"


@pytest.mark.django_db
def test_an_applicant_registered_with_arabic_indic_digits_is_the_same_person():
    first, created = create_or_update_applicant(
        actor=None, kind=ApplicantKind.CITIZEN, full_name="Lê Văn Đức", id_number="038090000777"
    )
    again, created_again = create_or_update_applicant(
        actor=None, kind=ApplicantKind.CITIZEN, full_name="Lê Văn Đức", id_number="038090000777".translate(ARABIC_INDIC)
    )
    assert created and not created_again and again.pk == first.pk
    assert Applicant.objects.get().id_number == "038090000777"


@pytest.mark.django_db
def test_an_applicant_or_account_name_with_a_direction_override_is_refused():
    with pytest.raises(DomainError) as refused:
        create_or_update_applicant(
            actor=None, kind=ApplicantKind.CITIZEN, full_name="Lê\u202eVăn Đức", id_number="038090000777"
        )
    assert "full_name" in refused.value.fields
    with pytest.raises(DomainError):
        create_user(actor=None, username="le.duc", full_name="Lê\u200bĐức")
    assert not Applicant.objects.exists()
