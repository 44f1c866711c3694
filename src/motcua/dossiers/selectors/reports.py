"""Reports and dashboards: figures read from the read replica when there is one (``core.routers``).

They may lag the primary by the replica's delay, so nothing here returns rows a page acts on (a step to
reassign carries the version the action checks, and is read from the primary by the page itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from motcua.accounts.models import User
from motcua.accounts.roles import HANDLERS
from motcua.core.routers import using_replica
from motcua.dossiers.actors import agencies_acted_for, officials
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import DossierStep
from motcua.organisations.models import Agency


@dataclass(frozen=True)
class UnitWorkload:
    """A unit head's dashboard: each handler with ``open_steps`` and ``overdue_steps``, and the open steps
    nobody was given yet."""

    handlers: Sequence[User]
    unassigned: int


def unit_workload(agency: Agency, now: datetime) -> UnitWorkload:
    """Open and overdue processing steps per official of ``agency`` and its divisions, in one query, and the
    unit's unassigned steps."""
    here = agencies_acted_for(agency)
    active = Q(
        dossier_steps__agency_id__in=here,
        dossier_steps__state=StepState.ACTIVE,
        dossier_steps__kind=StepKind.PROCESS,
    )
    with using_replica():
        handlers = list(
            officials(agency.pk, HANDLERS)
            .annotate(
                open_steps=Count("dossier_steps", filter=active, distinct=True),
                overdue_steps=Count("dossier_steps", filter=active & Q(dossier_steps__due_at__lt=now), distinct=True),
            )
            .order_by("full_name", "username")
        )
        unassigned = DossierStep.objects.filter(
            agency_id__in=here, state=StepState.ACTIVE, kind=StepKind.PROCESS, handler__isnull=True
        ).count()
    return UnitWorkload(handlers=handlers, unassigned=unassigned)
