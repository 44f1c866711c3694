"""The citizen's profile: the portal account plus the applicant record the dossiers are filed under."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from motcua.accounts.models import Applicant, ApplicantKind, User
from motcua.accounts.services import create_or_update_applicant, update_user
from motcua.core.exceptions import Conflict
from motcua.portal.registration import check_identifiers_free


def applicant_for(user: Any) -> Applicant | None:
    """The citizen applicant record linked to this account, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Applicant.objects.filter(user_id=user.pk, kind=ApplicantKind.CITIZEN).order_by("pk").first()


def initial_profile(user: Any) -> dict[str, Any]:
    applicant = applicant_for(user)
    return {
        "full_name": (applicant.full_name if applicant else "") or user.full_name,
        "phone": user.phone or (applicant.phone if applicant else ""),
        "email": user.email or (applicant.email if applicant else ""),
        "id_number": applicant.id_number if applicant else "",
        "date_of_birth": applicant.date_of_birth if applicant else None,
        "address": applicant.address if applicant else "",
    }


def _check_id_number(user: User, id_number: str) -> None:
    current = applicant_for(user)
    if current is not None and current.id_number and current.id_number != id_number:
        message = "Số định danh đã khai không tự đổi được; vui lòng liên hệ Bộ phận Một cửa."
        raise Conflict(message, code="id_number_locked", fields={"id_number": [message]})
    if Applicant.objects.filter(id_number=id_number, user__isnull=False).exclude(user=user).exists():
        message = "Số định danh này đã gắn với một tài khoản khác."
        raise Conflict(message, code="id_number_taken", fields={"id_number": [message]})


@transaction.atomic
def save_profile(user: User, data: dict[str, Any], *, actor: Any) -> Applicant | None:
    """Update the account; with a personal ID, also the citizen applicant record (linked to the account)."""
    check_identifiers_free(email=data.get("email", ""), phone=data.get("phone", ""), exclude_user=user)
    update_user(
        user, actor=actor, full_name=data["full_name"], phone=data.get("phone", ""), email=data.get("email", "")
    )
    if not data.get("id_number"):
        return applicant_for(user)
    _check_id_number(user, data["id_number"])
    applicant, _created = create_or_update_applicant(
        actor=actor,
        kind=ApplicantKind.CITIZEN,
        full_name=data["full_name"],
        id_number=data["id_number"],
        date_of_birth=data.get("date_of_birth"),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        address=data.get("address", ""),
        user=user,
    )
    return applicant
