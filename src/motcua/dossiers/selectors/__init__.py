"""Read side of the dossier engine: visibility, inboxes with counts, available actions, lookups.

Visibility rules:
- an official sees the dossiers received by the agencies of their active memberships, those to be
  resolved by them once accepted, and those routed to them (a step, consultation or transfer there);
- an applicant sees only their own dossiers (drafts included);
- the public lookup needs the code *and* the applicant's phone or ID number, and shows no
  official's personal data.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from motcua.accounts.models import Applicant
from motcua.accounts.personal_data import PROCESSING_ROLES, is_privileged_reader, record_personal_data_view
from motcua.catalogue.models import Component, Procedure
from motcua.catalogue.selectors import active_procedures, with_online_level
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.text import is_code_shaped
from motcua.dossiers import events as event_labels
from motcua.dossiers import workflow
from motcua.dossiers.actors import role_pairs
from motcua.dossiers.constants import OPEN_STATUS_VALUES, Status, StepState
from motcua.dossiers.context import actor_for, env_at, now_or
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, DossierStep
from motcua.dossiers.selectors.inboxes import INBOXES, inbox, inbox_counts, visibility_q

_RELATED = ("procedure", "receiving_agency", "competent_agency")


def _pairs(user: Any) -> set[tuple[int, str]]:
    return role_pairs(user)


def _agency_ids(pairs: set[tuple[int, str]], roles: frozenset[str] | None = None) -> set[int]:
    return {agency for agency, role in pairs if roles is None or role in roles}


def _is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def dossiers_visible_to(user: Any) -> QuerySet[Dossier]:
    """Every dossier the user may open (officials: by agency and routing; applicants: their own)."""
    base = Dossier.objects.select_related(*_RELATED)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return base.none()
    if _is_superuser(user):
        return base.exclude(status=Status.DRAFT)
    # Only the roles that process dossiers: administrators and catalogue managers hold memberships
    # too, but have no reason to read applicants' personal data.
    agencies = _agency_ids(_pairs(user), PROCESSING_ROLES)
    own = Q(applicant__user=user)
    if not agencies:
        return base.filter(own)
    # Officials rarely submit dossiers themselves; skip the join to applicants when they do not.
    has_own = Applicant.objects.filter(user=user).exists()
    official = visibility_q(agencies) & ~Q(status=Status.DRAFT)
    return base.filter(official | own) if has_own else base.filter(official)


def get_visible(user: Any, code: str) -> Dossier:
    """The dossier with this code if the user may see it; the same 404 otherwise (no enumeration)."""
    dossier = dossiers_visible_to(user).filter(code=code).first() if is_code_shaped(code) else None
    if dossier is None:
        raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found")
    if is_privileged_reader(user):
        record_personal_data_view(user, what="dossier", reference=code, applicant=dossier.applicant, channel="api")
    return dossier


def note_privileged_listing(user: Any, dossiers: Sequence[Dossier], *, channel: str) -> None:
    """A superuser's list of dossiers shows applicants' names: record which (one event per page)."""
    if dossiers and is_privileged_reader(user):
        codes = ", ".join(d.code or "" for d in dossiers)
        record_personal_data_view(user, what="dossier_list", reference=codes, channel=channel)


def dossier_for_applicant(user: Any, key: str | uuid.UUID, *, draft: bool | None = None) -> Dossier:
    """The signed-in applicant's own dossier, by its code or by its reference (drafts have no code).

    ``draft``: ``True`` only a draft, ``False`` only a sent dossier, ``None`` either. Another
    applicant's dossier is "not found", like a missing one.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found")
    rows = Dossier.objects.select_related(*_RELATED, "procedure_version", "applicant").filter(applicant__user=user)
    if draft is not None:
        rows = rows.filter(status=Status.DRAFT) if draft else rows.exclude(status=Status.DRAFT)
    reference = _as_reference(key)
    if reference is None and not is_code_shaped(str(key)):
        raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found")
    dossier = (rows.filter(reference=reference) if reference else rows.filter(code=str(key))).first()
    if dossier is None:
        raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found")
    return dossier


def _as_reference(key: str | uuid.UUID) -> uuid.UUID | None:
    if isinstance(key, uuid.UUID):
        return key
    try:
        return uuid.UUID(key)
    except ValueError:
        return None


def drafts_of(user: Any) -> QuerySet[Dossier]:
    return Dossier.objects.select_related(*_RELATED).filter(applicant__user=user, status=Status.DRAFT)


def available_actions(dossier: Dossier, user: Any, now: datetime | None = None) -> list[workflow.Transition]:
    """The actions this user may take on the dossier now (for buttons in the UI)."""
    return workflow.available(dossier.snapshot(), actor_for(user), env_at(now))


# --- Inboxes: defined once, in ``selectors.inboxes`` (role- and agency-scoped) ---------------

__all__ = ["INBOXES", "inbox", "inbox_counts"]


# --- Filtering for lists (API, back office) -------------------------------------------------


def filter_dossiers(queryset: QuerySet[Dossier], **filters: Any) -> QuerySet[Dossier]:
    """The list filters of the API (see :func:`dossier_filter_q`)."""
    return queryset.filter(dossier_filter_q(**filters))


def dossier_filter_q(
    *,
    status: int | None = None,
    agency: int | None = None,
    procedure: str | None = None,
    overdue: bool | None = None,
    received_from: datetime | None = None,
    received_to: datetime | None = None,
    now: datetime | None = None,
) -> Q:
    """The list filters as one condition on the dossier (also applied to step boxes, on their dossiers)."""
    condition = Q()
    if status is not None:
        condition &= Q(status=status)
    if agency is not None:
        condition &= Q(receiving_agency_id=agency) | Q(competent_agency_id=agency)
    if procedure:
        condition &= Q(procedure__code=procedure)
    if overdue is not None:
        late = Q(status__in=OPEN_STATUS_VALUES, due_at__lt=now_or(now))
        condition &= late if overdue else ~late
    if received_from is not None:
        condition &= Q(submitted_at__gte=received_from)
    if received_to is not None:
        condition &= Q(submitted_at__lt=received_to)
    return condition


def components_not_received(dossier: Dossier, received: list[DossierComponent]) -> list[Component]:
    """The procedure's components the applicant did not supply, with whether (and when) each is required,
    so the officer sees what was left out and the case in which it would be needed."""
    got = {row.catalogue_component_id for row in received}
    checklist = Component.objects.filter(version_id=dossier.procedure_version_id).order_by("order", "pk")
    return [component for component in checklist if component.pk not in got]


def timeline(dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("actor", "agency").order_by("occurred_at", "pk")


def current_steps(dossier: Dossier) -> list[DossierStep]:
    return list(dossier.steps.filter(state=StepState.ACTIVE).select_related("agency", "handler").order_by("order"))


# --- Public lookup ----------------------------------------------------------------------


@dataclass(frozen=True)
class PublicEvent:
    occurred_at: datetime
    action: str
    label: str
    agency: str


@dataclass(frozen=True)
class PublicDossier:
    """What anyone holding the code and the phone/ID may read: no official's name or note."""

    code: str
    procedure_code: str
    procedure_name: str
    status: int
    status_label: str
    receiving_agency: str
    competent_agency: str
    submitted_at: datetime | None
    accepted_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None
    returned_at: datetime | None
    current_step: str
    current_agency: str
    history: list[PublicEvent]
    outcome: str = ""
    # Why the dossier was refused (at intake or after appraisal) or stopped: the applicant's to read.
    reason: str = ""


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _phone_matches(stored: str, given: str) -> bool:
    a, b = _digits(stored), _digits(given)
    if b.startswith("84"):
        b = "0" + b[2:]
    if a.startswith("84"):
        a = "0" + a[2:]
    return bool(a) and a == b


# Closing statuses whose reason the applicant is told (Forms 03 and 05 carry it too).
REASON_SHOWN = frozenset({Status.REFUSED_AT_INTAKE, Status.STOPPED, Status.WITHDRAWN})


def public_lookup(code: str, phone: str | None = None, id_number: str | None = None) -> PublicDossier:
    """Status of a dossier for whoever knows its code and the applicant's phone or ID number."""
    if not (phone or id_number):
        raise DomainError(
            "Cần nhập số điện thoại hoặc số định danh của người nộp hồ sơ.",
            code="invalid",
            fields={"phone": ["Nhập số điện thoại hoặc số định danh."]},
        )
    wanted = (code or "").strip().upper()
    dossier = Dossier.objects.select_related(*_RELATED).filter(code=wanted).first() if is_code_shaped(wanted) else None
    ok = dossier is not None and (
        (phone and _phone_matches(dossier.applicant_phone, phone))
        or (id_number and dossier.applicant_id_number and dossier.applicant_id_number == id_number.strip())
    )
    if not ok or dossier is None:
        raise NotFound("Không tìm thấy hồ sơ với mã và thông tin đã nhập.", code="dossier_not_found")
    active = dossier.steps.filter(state=StepState.ACTIVE).select_related("agency").order_by("order").first()
    events = dossier.events.select_related("agency").only("occurred_at", "action", "agency__name")
    return PublicDossier(
        code=dossier.code or "",
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        status=dossier.status,
        status_label=dossier.status_label,
        receiving_agency=dossier.receiving_agency.name,
        competent_agency=dossier.competent_agency.name,
        submitted_at=dossier.submitted_at,
        accepted_at=dossier.accepted_at,
        due_at=dossier.due_at,
        resolved_at=dossier.resolved_at,
        returned_at=dossier.returned_at,
        current_step=active.name if active else "",
        current_agency=active.agency.name if active else "",
        outcome=dossier.outcome,
        reason=dossier.outcome_reason if dossier.status in REASON_SHOWN or dossier.refused else "",
        history=[
            PublicEvent(e.occurred_at, e.action, event_labels.label(e.action), e.agency.name if e.agency else "")
            for e in events
        ],
    )


MOST_USED_WINDOW = timedelta(days=365)


def most_used_procedures(limit: int, *, now: datetime | None = None) -> list[Procedure]:
    """The procedures to offer first on the portal's home page, each annotated with ``uses`` and
    ``online_level_now``.

    A citizen on the online portal expects to be able to do what is offered there: procedures that can
    be submitted online (fully or partly) come first, by the number of dossiers sent in the last year;
    procedures done only at the counter or by post follow, so the list is never empty in a province
    with few online services (the page says how each one is done)."""
    now = now or timezone.now()
    sent = Q(dossiers__created_at__gte=now - MOST_USED_WINDOW) & ~Q(dossiers__status=Status.DRAFT)
    ranked = with_online_level(active_procedures(), timezone.localdate(now)).annotate(
        uses=Count("dossiers", filter=sent)
    )
    return list(ranked.order_by("offline_rank", "-uses", "name")[:limit])
