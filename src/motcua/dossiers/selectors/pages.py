"""What the back-office dossier page reads, in one place: the dossier an agency may open and,
for it, its steps, components with their files, files outside any component, fees, supplement
requests and history.

The action forms read the dossier's steps through ``dossier.steps.all()`` (for example the
officials who may be named handler): :func:`dossier_page` prefetches them onto the dossier with
Django's ``prefetch_related_objects``, so those forms and the page share one query and one list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from motcua.catalogue.models import Component
from motcua.dossiers.constants import Status
from motcua.dossiers.models import (
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFee,
    DossierFile,
    DossierStep,
    SupplementRequest,
)
from motcua.dossiers.selectors import components_not_received
from motcua.dossiers.selectors.inboxes import visibility_q

_PAGE_RELATED = (
    "procedure__sector",
    "procedure_version",
    "applicant",
    "receiving_agency",
    "competent_agency",
    "received_by",
    "approved_by",
)


def dossier_for_agencies(agency_ids: Iterable[int], code: str) -> Dossier | None:
    """The dossier (drafts excluded) if officials of these agencies may open it, with what its page shows."""
    return (
        Dossier.objects.exclude(status=Status.DRAFT)
        .filter(visibility_q(agency_ids))
        .select_related(*_PAGE_RELATED)
        .filter(code=code)
        .first()
    )


def dossier_file(dossier: Dossier, file_id: int) -> DossierFile | None:
    """One of the dossier's files, or ``None`` if it has no such file."""
    return DossierFile.objects.filter(dossier=dossier, pk=file_id).first()


@dataclass(frozen=True)
class DossierPage:
    """The rows of one dossier's page. ``dossier.steps.all()`` returns ``steps`` without a query."""

    dossier: Dossier
    steps: list[DossierStep]
    components: list[DossierComponent]
    not_received: list[Component]
    other_files: list[DossierFile]
    fees: list[DossierFee]
    events: list[DossierEvent]
    supplements: list[SupplementRequest]
    # The other dossiers filed with it as one application of a procedure group (none otherwise).
    filed_with: list[Dossier]


def prefetch_steps(dossier: Dossier) -> list[DossierStep]:
    """The dossier's steps in process order, with agency and handler, kept on the dossier as its
    prefetched ``steps`` so that the action forms built for it read the same list."""
    ordered = DossierStep.objects.select_related("agency", "handler").order_by("order", "pk")
    prefetch_related_objects([dossier], Prefetch("steps", queryset=ordered))
    return list(dossier.steps.all())


def dossier_page(dossier: Dossier) -> DossierPage:
    """Everything the dossier page lists, read once; the steps are also prefetched onto ``dossier``."""
    steps = prefetch_steps(dossier)
    components = list(
        DossierComponent.objects.filter(dossier=dossier).prefetch_related(
            Prefetch("files", queryset=DossierFile.objects.order_by("pk"))
        )
    )
    events = DossierEvent.objects.filter(dossier=dossier).select_related("actor", "agency")
    return DossierPage(
        dossier=dossier,
        steps=steps,
        components=components,
        not_received=components_not_received(dossier, components),
        other_files=list(DossierFile.objects.filter(dossier=dossier, component__isnull=True).order_by("pk")),
        fees=list(dossier.fees.all()),
        events=list(events.order_by("occurred_at", "pk")),
        supplements=list(dossier.supplement_requests.order_by("requested_at")),
        filed_with=filed_with(dossier),
    )


def filed_with(dossier: Dossier) -> list[Dossier]:
    """The other dossiers of the dossier's group application, in order; no query when it has none."""
    if dossier.group_id is None:
        return []
    others = Dossier.objects.filter(group_id=dossier.group_id).exclude(pk=dossier.pk)
    return list(others.select_related("procedure", "competent_agency", "group").order_by("pk"))
