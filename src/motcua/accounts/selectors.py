"""Reads on people: who may act where (the scoping every delivery app calls), a citizen's profile. No writes.

Rules (see docs/organisations.md):
- An official acts in the agencies of their *active* memberships, in those roles only.
- An active superuser counts as holding every role in every active agency.
- The ``administrator`` role manages accounts and agencies in the subtree of its agency
  (``administered_agency_ids``); it grants no processing role by itself.
- Inactive accounts and inactive agencies grant nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from motcua.accounts.models import Applicant, ApplicantKind, Membership, Role
from motcua.organisations.models import Agency
from motcua.organisations.selectors import descendant_ids


def _is_active_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def is_active_user(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def memberships_for(user: Any) -> QuerySet[Membership]:
    """The user's active memberships in active agencies, with the agency loaded."""
    if not is_active_user(user):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, is_active=True, agency__is_active=True)
        .select_related("agency", "agency__administrative_unit")
        .order_by("agency__name", "role")
    )


def agencies_for(user: Any, roles: list[str] | tuple[str, ...] | None = None) -> QuerySet[Agency]:
    """Agencies where the user has an active membership (with one of ``roles`` if given)."""
    if not is_active_user(user):
        return Agency.objects.none()
    if _is_active_superuser(user):
        return Agency.objects.filter(is_active=True)
    memberships = memberships_for(user)
    if roles:
        memberships = memberships.filter(role__in=list(roles))
    return Agency.objects.filter(pk__in=memberships.values("agency_id"))


def has_role(user: Any, agency: Agency | int, *roles: str) -> bool:
    """Whether the user holds one of ``roles`` (any role if none given) in exactly this agency."""
    if not is_active_user(user):
        return False
    agency_id = agency if isinstance(agency, int) else agency.pk
    if _is_active_superuser(user):
        return Agency.objects.filter(pk=agency_id, is_active=True).exists()
    memberships = memberships_for(user).filter(agency_id=agency_id)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships.exists()


def roles_in(user: Any, agency: Agency) -> set[str]:
    """The roles the user holds in this agency (all roles for a superuser)."""
    if _is_active_superuser(user):
        return set(Role.values) if agency.is_active else set()
    return set(memberships_for(user).filter(agency=agency).values_list("role", flat=True))


def administered_agency_ids(user: Any) -> set[int] | None:
    """Agencies the user may administer: subtrees under their administrator memberships.

    ``None`` means "all" (superuser); an empty set means none.
    """
    if not is_active_user(user):
        return set()
    if _is_active_superuser(user):
        return None
    roots = agencies_for(user, roles=[Role.ADMINISTRATOR]).values_list("pk", flat=True)
    return descendant_ids(roots)


def administered_agencies(user: Any) -> QuerySet[Agency]:
    ids = administered_agency_ids(user)
    return Agency.objects.all() if ids is None else Agency.objects.filter(pk__in=ids)


def can_administer(user: Any, agency: Agency) -> bool:
    ids = administered_agency_ids(user)
    return ids is None or agency.pk in ids


# --- Citizens ---------------------------------------------------------------------------------


def citizen_applicant(user: Any) -> Applicant | None:
    """The citizen applicant record linked to this account (the one dossiers are filed under), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Applicant.objects.filter(user_id=user.pk, kind=ApplicantKind.CITIZEN).order_by("pk").first()


def citizen_profile(user: Any) -> dict[str, Any]:
    """What the portal pre-fills for this account: the applicant record first, the account otherwise."""
    applicant = citizen_applicant(user)
    return {
        "full_name": (applicant.full_name if applicant else "") or user.full_name,
        "phone": user.phone or (applicant.phone if applicant else ""),
        "email": user.email or (applicant.email if applicant else ""),
        "id_number": applicant.id_number if applicant else "",
        "date_of_birth": applicant.date_of_birth if applicant else None,
        "address": applicant.address if applicant else "",
    }
