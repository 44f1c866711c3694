"""Reads of official documents: the registers' lists with filters, the overdue and reminder lists on the
working-time clock, one document's history and the actions its reader may take, a dossier's documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from motcua.core.text import fold
from motcua.organisations.models import Agency
from motcua.records import actors, base, workflow
from motcua.records.models import (
    DocumentEvent,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
)

HANDLING = (IncomingStatus.DIRECTED, IncomingStatus.IN_PROGRESS)
# Lists never show a document its sender recalled (Art. 18: deleted at the receiver), the history keeps it.
HIDDEN_IN = (IncomingStatus.RECALLED,)


@dataclass(frozen=True)
class Filters:
    status: str = ""
    year: int | None = None
    q: str = ""
    urgency: str = ""


def _search(rows: QuerySet[Any], q: str) -> QuerySet[Any]:
    """Folded text against the folded copy (``search_text``): "ra soat" finds "Rà soát"."""
    folded = fold(q.strip())
    return rows.filter(search_text__contains=folded) if folded else rows


def incoming_list(agency: Agency, role: str, filters: Filters) -> QuerySet[IncomingDocument]:
    rows = actors.incoming_visible(agency, role).exclude(status__in=HIDDEN_IN)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.year:
        rows = rows.filter(received_at__year=filters.year)
    if filters.urgency:
        rows = rows.filter(urgency=filters.urgency)
    rows = _search(rows, filters.q)
    return rows.select_related("entry", "lead_unit").order_by("-received_at", "-pk")


def outgoing_list(agency: Agency, role: str, filters: Filters) -> QuerySet[OutgoingDocument]:
    rows = actors.outgoing_visible(agency, role)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.year:
        rows = rows.filter(created_at__year=filters.year)
    if filters.urgency:
        rows = rows.filter(urgency=filters.urgency)
    rows = _search(rows, filters.q)
    return rows.select_related("entry", "drafting_unit", "drafter").order_by("-created_at", "-pk")


def arrived_queue(agency: Agency, role: str) -> QuerySet[IncomingDocument]:
    """Documents delivered or imported, waiting for the clerk to register or refuse them."""
    return incoming_list(agency, role, Filters(status=IncomingStatus.ARRIVED))


@dataclass(frozen=True)
class Deadlines:
    overdue: list[IncomingDocument]
    due_soon: list[IncomingDocument]
    not_presented: list[IncomingDocument]  # registered, not directed, past the day to present them


def deadlines(agency: Agency, role: str, now: datetime) -> Deadlines:
    """On the working-time clock: handling past its deadline, due within one working day, and documents
    not yet directed after the day they had to be presented to the leader (Art. 22)."""
    visible = actors.incoming_visible(agency, role).select_related("lead_unit", "entry")
    handling = visible.filter(status__in=HANDLING, due_at__isnull=False)
    soon_limit = base.working_days_after(now, 1)
    return Deadlines(
        overdue=list(handling.filter(due_at__lt=now).order_by("due_at")),
        due_soon=list(handling.filter(due_at__gte=now, due_at__lte=soon_limit).order_by("due_at")),
        not_presented=list(visible.filter(status=IncomingStatus.REGISTERED, present_by__lt=now).order_by("present_by")),
    )


def to_remind(now: datetime) -> QuerySet[IncomingDocument]:
    """Handling due within one working day (or past due) that was not reminded since its direction."""
    soon_limit = base.working_days_after(now, 1)
    return IncomingDocument.objects.filter(status__in=HANDLING, due_at__lte=soon_limit, reminded_at__isnull=True)


def history(document: IncomingDocument | OutgoingDocument) -> list[tuple[DocumentEvent, str]]:
    events = document.events.select_related("actor").order_by("occurred_at", "pk")
    return [(event, workflow.EVENT_LABELS.get(event.action, event.action)) for event in events]


def actions_for(user: Any, document: IncomingDocument | OutgoingDocument) -> list[str]:
    """The actions ``user`` may take on ``document`` now, in the table's order."""
    kind = "incoming" if isinstance(document, IncomingDocument) else "outgoing"
    return [
        name
        for name, t in workflow.table(kind).items()
        if t.actor != workflow.SYSTEM and document.status in t.sources and actors.may_act(user, t.actor, document)
    ]


def incoming_for(agency: Agency, role: str, pk: int) -> IncomingDocument | None:
    return actors.incoming_visible(agency, role).filter(pk=pk).first()


def outgoing_for(agency: Agency, role: str, pk: int) -> OutgoingDocument | None:
    return actors.outgoing_visible(agency, role).filter(pk=pk).first()


def for_dossier(code: str) -> tuple[list[IncomingDocument], list[OutgoingDocument]]:
    """The official documents linked to a dossier (a consultation between agencies, its answer)."""
    if not code:
        return [], []
    received = (
        IncomingDocument.objects.filter(dossier_code=code)
        .exclude(status__in=HIDDEN_IN)
        .select_related("agency", "entry")
    )
    sent = OutgoingDocument.objects.filter(dossier_code=code).select_related("agency", "entry")
    return list(received), list(sent)


def register_years(agency: Agency) -> list[int]:
    from motcua.records.models import RegisteredDocument

    years = RegisteredDocument.objects.filter(register__agency=agency).values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)
