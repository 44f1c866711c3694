"""Who may act on feedback, read by both the services and the selectors.

The coordinator is any one-stop officer, head or leader of a coordinating unit. In the handling agency,
heads and leaders accept, assign and approve; the assigned handler drafts. Staff-conduct items are
read only by the coordinator and the agency's leaders (``Role.LEADER``), who then handle them themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from motcua.accounts.models import Role
from motcua.accounts.roles import DOSSIER_ROLES, HEADS, ONE_STOP
from motcua.accounts.selectors import agencies_for, has_role, is_active_user
from motcua.feedback.constants import CategoryKind
from motcua.feedback.models import CoordinatingUnit, FeedbackItem
from motcua.feedback.workflow import AGENCY_HEAD, CITIZEN, COORDINATOR, HANDLER
from motcua.organisations.models import Agency

COORDINATOR_ROLES: tuple[str, ...] = (*ONE_STOP, *HEADS)
CONFIDENTIAL_ROLES: tuple[str, ...] = (Role.LEADER.value,)


def coordinating_agencies(user: Any) -> QuerySet[Agency]:
    units = CoordinatingUnit.objects.values("agency_id")
    return agencies_for(user, COORDINATOR_ROLES).filter(pk__in=units)


def is_coordinator(user: Any) -> bool:
    return is_active_user(user) and coordinating_agencies(user).exists()


def agency_ids(user: Any) -> set[int]:
    """Agencies where the user works on feedback (any officials' role of the dossier work)."""
    return set(agencies_for(user, DOSSIER_ROLES).values_list("pk", flat=True))


def visible_to_official(user: Any) -> QuerySet[FeedbackItem]:
    """Items an official may read: everything for a coordinator; their agencies' items otherwise."""
    items = FeedbackItem.objects.all()
    if not is_active_user(user):
        return items.none()
    if is_coordinator(user):
        return items
    ordinary = Q(handling_agency__in=agencies_for(user, DOSSIER_ROLES), category__kind__in=_ordinary_kinds())
    confidential = Q(handling_agency__in=agencies_for(user, CONFIDENTIAL_ROLES))
    return items.filter(ordinary | confidential)


def _ordinary_kinds() -> list[str]:
    return [kind for kind in CategoryKind.values if kind != CategoryKind.STAFF_CONDUCT]


def may_act_as(user: Any, actor: str, item: FeedbackItem) -> bool:
    """Whether ``user`` fills the workflow role ``actor`` for ``item`` (citizens are checked by the caller)."""
    if actor == COORDINATOR:
        return is_coordinator(user)
    agency = item.handling_agency
    if agency is None or actor == CITIZEN:
        return False
    heads = CONFIDENTIAL_ROLES if item.category.is_confidential else HEADS
    if actor == AGENCY_HEAD:
        return has_role(user, agency, *heads)
    if actor == HANDLER:
        assigned = item.handler_id is not None and item.handler_id == getattr(user, "pk", None)
        return (assigned and has_role(user, agency, *DOSSIER_ROLES)) or has_role(user, agency, *heads)
    return False


def may_handle(user: Any, agency: Agency, item: FeedbackItem) -> bool:
    """Whether ``user`` may be assigned ``item`` in ``agency``."""
    roles = CONFIDENTIAL_ROLES if item.category.is_confidential else DOSSIER_ROLES
    return has_role(user, agency, *roles)
