"""Form-side wrappers of the accounts validators: what citizens type becomes normalised values,
or a ValidationError that the form shows next to the field."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from motcua.accounts import validators
from motcua.accounts.validators import InvalidApplicantData


def normalise_phone(raw: str) -> str:
    """``+84 912 345 678`` / ``0912.345.678`` → ``0912345678``; raises ValidationError."""
    try:
        return validators.normalise_phone(raw or "")
    except InvalidApplicantData as error:
        raise ValidationError(error.message, code="invalid_phone") from None


def validate_citizen_id(raw: str) -> str:
    try:
        return validators.validate_citizen_id(raw or "")
    except InvalidApplicantData as error:
        raise ValidationError(error.message, code="invalid_id_number") from None
