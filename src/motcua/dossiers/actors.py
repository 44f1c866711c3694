"""Which (agency, role) pairs an official acts with on dossiers.

Memberships are held in the agency where the official sits. Officials of a division (Phòng,
đơn vị trực thuộc) also act for its parent agency: a specialist of the Phòng Hành chính tư
pháp handles the Sở Tư pháp's dossiers, since internal processes name the competent agency
and the step's role, not the division.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from motcua.accounts.models import User
from motcua.accounts.selectors import memberships_for
from motcua.organisations.models import AgencyKind


def role_pairs(user: Any) -> set[tuple[int, str]]:
    pairs: set[tuple[int, str]] = set()
    # The plain rows, unordered: this runs for every action (``memberships_for`` also loads and sorts the agencies).
    rows = (
        memberships_for(user)
        .select_related(None)
        .order_by()
        .values_list("agency_id", "role", "agency__kind", "agency__parent_id")
    )
    for agency_id, role, kind, parent_id in rows:
        pairs.add((agency_id, role))
        if kind == AgencyKind.DIVISION and parent_id is not None:
            pairs.add((parent_id, role))
    return pairs


def officials(agency_id: int, roles: list[str] | tuple[str, ...]) -> QuerySet[User]:
    """Active officials holding one of ``roles`` in the agency or in one of its divisions."""
    in_agency = Q(memberships__agency_id=agency_id)
    in_division = Q(memberships__agency__parent_id=agency_id, memberships__agency__kind=AgencyKind.DIVISION)
    return User.objects.filter(
        in_agency | in_division,
        is_active=True,
        memberships__is_active=True,
        memberships__role__in=list(roles),
        memberships__agency__is_active=True,
    ).distinct()
