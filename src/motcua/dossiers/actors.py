"""Which (agency, role) pairs an official acts with on dossiers.

Memberships are held in the agency where the official sits. Officials of a division (Phòng,
đơn vị trực thuộc) also act for its parent agency: a specialist of the Phòng Hành chính tư
pháp handles the Sở Tư pháp's dossiers, since internal processes name the competent agency
and the step's role, not the division. :func:`acted_for` is that rule's single definition; the
inboxes, the workflow's actor, the back office's acting membership and the assignment
candidates all read it (the SQL of ``role_pairs`` and of ``assignment.by_load`` restate it for
speed, and tests hold them equal).
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class ActingAs:
    """The membership an official chose to act in (the back office's "act as", the API's
    ``acting_agency``/``acting_role``): the history records this role, and only it is used."""

    agency_id: int
    role: str


def acted_for(agency_id: int, kind: str, parent_id: int | None) -> tuple[int, ...]:
    """The agency a membership is held in, and its parent when it is a division."""
    if kind == AgencyKind.DIVISION and parent_id is not None:
        return (agency_id, parent_id)
    return (agency_id,)


def agencies_acted_for(agency: Agency) -> tuple[int, ...]:
    """:func:`acted_for` of an agency row."""
    return acted_for(agency.pk, agency.kind, agency.parent_id)


def membership_pairs(agency: Agency, role: str) -> frozenset[tuple[int, str]]:
    """The (agency, role) pairs one membership gives: its agency's, and its parent's for a division."""
    return frozenset((agency_id, role) for agency_id in agencies_acted_for(agency))


def acting_pairs(acting: ActingAs) -> frozenset[tuple[int, str]]:
    agency = Agency.objects.only("pk", "kind", "parent_id").filter(pk=acting.agency_id).first()
    return membership_pairs(agency, acting.role) if agency is not None else frozenset()


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
        pairs.update((acted_for_id, role) for acted_for_id in acted_for(agency_id, kind, parent_id))
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
