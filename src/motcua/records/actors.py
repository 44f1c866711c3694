"""Who works on official documents, read by the services and the selectors.

An agency keeps the registers (a Sở, a People's Committee); its divisions (phòng) draft and handle in its
name, so a division's official works on the documents of its parent (``home_agency``). The clerk (văn thư)
and the leaders of the agency see all its documents; a division sees the incoming documents it leads or
coordinates and the outgoing ones it drafted.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from motcua.accounts import roles
from motcua.accounts.models import Role
from motcua.accounts.selectors import has_role, is_active_user
from motcua.organisations.models import Agency, AgencyKind
from motcua.records import workflow
from motcua.records.models import IncomingDocument, OutgoingDocument

CLERK_ROLES: tuple[str, ...] = roles.CLERKS
LEADER_ROLES: tuple[str, ...] = (Role.LEADER.value,)
HEAD_ROLES: tuple[str, ...] = roles.HEADS
HANDLER_ROLES: tuple[str, ...] = roles.HANDLERS
# Everyone who opens the documents pages.
DOCUMENT_ROLES: tuple[str, ...] = roles.DOCUMENT_ROLES
# Who sees every document of the agency (the others: their unit's).
WHOLE_AGENCY_ROLES: tuple[str, ...] = (*CLERK_ROLES, *LEADER_ROLES)


def home_agency(agency: Agency) -> Agency:
    """The agency whose registers ``agency`` works in: a division's parent, otherwise itself."""
    if agency.kind in (AgencyKind.DIVISION, AgencyKind.ONE_STOP_UNIT) and agency.parent_id is not None:
        return agency.parent  # type: ignore[return-value]
    return agency


def sees_whole_agency(agency: Agency, role: str) -> bool:
    return role in WHOLE_AGENCY_ROLES and home_agency(agency).pk == agency.pk


def incoming_visible(agency: Agency, role: str) -> QuerySet[IncomingDocument]:
    """Incoming documents an official acting in ``agency`` as ``role`` may open."""
    if role not in DOCUMENT_ROLES:
        return IncomingDocument.objects.none()
    if sees_whole_agency(agency, role):
        return IncomingDocument.objects.filter(agency=agency)
    units = Q(lead_unit=agency) | Q(coordinating_units=agency)
    return IncomingDocument.objects.filter(units).distinct()


def outgoing_visible(agency: Agency, role: str) -> QuerySet[OutgoingDocument]:
    if role not in DOCUMENT_ROLES:
        return OutgoingDocument.objects.none()
    if sees_whole_agency(agency, role):
        return OutgoingDocument.objects.filter(agency=agency)
    return OutgoingDocument.objects.filter(drafting_unit=agency)


def may_act(user: Any, actor: str, document: IncomingDocument | OutgoingDocument) -> bool:
    """Whether ``user`` fills the workflow role ``actor`` for ``document``."""
    if not is_active_user(user):
        return False
    agency = document.agency
    if actor == workflow.CLERK:
        return has_role(user, agency, *CLERK_ROLES)
    if actor == workflow.LEADER:
        return has_role(user, agency, *LEADER_ROLES)
    if isinstance(document, IncomingDocument):
        if actor == workflow.HANDLER:
            lead = document.lead_unit
            return (lead is not None and has_role(user, lead, *HANDLER_ROLES)) or has_role(user, agency, *LEADER_ROLES)
        return False
    if actor == workflow.DRAFTER:
        return document.drafter_id == user.pk or has_role(user, document.drafting_unit, *HEAD_ROLES)
    if actor == workflow.REVIEWER:
        return has_role(user, document.drafting_unit, *HEAD_ROLES) or has_role(user, agency, *LEADER_ROLES)
    if actor == workflow.APPROVER:
        return document.approver_id == user.pk and has_role(user, agency, *LEADER_ROLES)
    return False


def may_draft(user: Any, unit: Agency) -> bool:
    return has_role(user, unit, *HANDLER_ROLES)


def may_register(user: Any, agency: Agency) -> bool:
    return has_role(user, agency, *CLERK_ROLES)
