"""Which (agency, role) pairs an official acts with on dossiers.

Memberships are held in the agency where the official sits. Officials of a division (Phòng,
đơn vị trực thuộc) also act for its parent agency: a specialist of the Phòng Hành chính tư
pháp handles the Sở Tư pháp's dossiers, since internal processes name the competent agency
and the step's role, not the division.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from motcua.accounts.models import Membership, User
from motcua.accounts.selectors import is_active_user
from motcua.organisations.models import Agency, AgencyKind

# The rows of ``accounts.selectors.memberships_for`` (a test holds them equal), plain and unordered.
# Written as SQL because it runs at every dossier action: the ORM spent three times longer building
# the statement than reading it.
ROLE_ROWS_SQL = """
SELECT m.agency_id, m.role, a.kind, a.parent_id FROM {membership} m JOIN {agency} a ON a.id = m.agency_id
WHERE m.user_id = %s AND m.is_active AND a.is_active
"""


def role_pairs(user: Any) -> set[tuple[int, str]]:
    """(agency id, role) of the user's active memberships in active agencies, and of the parent
    agency for a membership held in a division; empty for an inactive or anonymous user."""
    pairs: set[tuple[int, str]] = set()
    if not is_active_user(user):
        return pairs
    sql = ROLE_ROWS_SQL.format(membership=Membership._meta.db_table, agency=Agency._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        rows = cursor.fetchall()
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
