"""Who sees which figures: the operations scope of an official acting in one agency and role.

- The province's leaders (a leader of the provincial People's Committee) and the provincial public
  service centre (its one-stop officers and heads): the whole province.
- A commune's chairman (a leader of the commune People's Committee) and a local service centre: every
  agency of that administrative unit.
- An agency's leader or a head of division: that agency and its divisions (its subtree).
- Anyone else (specialists, one-stop officers elsewhere, catalogue managers, administrators): nothing.

A dossier belongs to a scope when its receiving or its competent agency is in it, so a commune sees
what its one-stop unit received for a provincial department as well as what it decides itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from motcua.accounts.models import Role
from motcua.accounts.roles import HEADS, ONE_STOP
from motcua.accounts.selectors import memberships_for
from motcua.core.exceptions import PermissionDenied
from motcua.organisations.models import Agency, AgencyKind, UnitLevel
from motcua.organisations.selectors import descendant_ids

LEADER = Role.LEADER.value
# Roles that open the operations centre at all (the rule above narrows by agency kind).
OPERATIONS_ROLES: tuple[str, ...] = (*ONE_STOP, *HEADS)


@dataclass(frozen=True)
class OpsScope:
    """``agency_ids`` is ``None`` for the whole province; ``label`` names the scope on pages."""

    agency_ids: frozenset[int] | None
    label: str

    @property
    def province(self) -> bool:
        return self.agency_ids is None

    def dossier_q(self, prefix: str = "") -> Q:
        """Dossiers of the scope (``prefix`` reaches the dossier from a related row, e.g. ``"dossier__"``)."""
        if self.agency_ids is None:
            return Q()
        ids = sorted(self.agency_ids)
        return Q(**{f"{prefix}receiving_agency_id__in": ids}) | Q(**{f"{prefix}competent_agency_id__in": ids})

    def covers(self, agency_id: int) -> bool:
        return self.agency_ids is None or agency_id in self.agency_ids


def _unit_agencies(agency: Agency) -> frozenset[int]:
    ids = Agency.objects.filter(administrative_unit_id=agency.administrative_unit_id).values_list("pk", flat=True)
    return frozenset(descendant_ids(ids))


def scope_of(agency: Agency, role: str) -> OpsScope | None:
    """The scope of one (agency, role), or ``None`` when that membership sees no figures."""
    if role not in OPERATIONS_ROLES:
        return None
    if agency.kind == AgencyKind.SERVICE_CENTRE and role in (*ONE_STOP, *HEADS):
        if agency.level == UnitLevel.PROVINCE:
            return OpsScope(None, "Toàn tỉnh")
        return OpsScope(_unit_agencies(agency), str(agency.administrative_unit))
    if role in ONE_STOP:
        return None
    if agency.kind == AgencyKind.PEOPLES_COMMITTEE and role == LEADER:
        if agency.level == UnitLevel.PROVINCE:
            return OpsScope(None, "Toàn tỉnh")
        return OpsScope(_unit_agencies(agency), agency.name)
    return OpsScope(frozenset(descendant_ids([agency.pk])), agency.name)


def require_scope(agency: Agency, role: str) -> OpsScope:
    scope = scope_of(agency, role)
    if scope is None:
        raise PermissionDenied("Vai trò đang chọn không xem được số liệu điều hành.", code="permission_denied")
    return scope


def widest_scope(user: object) -> OpsScope | None:
    """For callers without an acting membership (the API): the union of the user's memberships' scopes."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return OpsScope(None, "Toàn tỉnh")  # an active superuser holds every role everywhere (accounts rules)
    scopes = [s for m in memberships_for(user) if (s := scope_of(m.agency, m.role)) is not None]
    return merge(scopes)


def merge(scopes: Iterable[OpsScope]) -> OpsScope | None:
    scopes = list(scopes)
    if not scopes:
        return None
    if any(s.province for s in scopes):
        return OpsScope(None, "Toàn tỉnh")
    ids: set[int] = set()
    for s in scopes:
        ids |= s.agency_ids or set()
    return OpsScope(frozenset(ids), ", ".join(s.label for s in scopes))


def narrow(scope: OpsScope, agency: Agency | None) -> OpsScope:
    """The scope limited to one agency's subtree (a filter); refused outside the caller's scope."""
    if agency is None:
        return scope
    if not scope.covers(agency.pk):
        raise PermissionDenied("Cơ quan này nằm ngoài phạm vi bạn được xem.", code="permission_denied")
    return OpsScope(frozenset(descendant_ids([agency.pk])), agency.name)
