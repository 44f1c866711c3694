"""The procedures the scope offers online: how many of its procedures are full online, partly online
or not online, read from the catalogue version in force on a day (one ``GROUP BY`` over the catalogue,
whose size does not grow with dossiers).

A procedure belongs to the scope when one of the competent agencies of its version in force is in it;
the whole province counts every procedure in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from motcua.catalogue.constants import OnlineLevel, ProcedureStatus
from motcua.catalogue.models import ProcedureVersion
from motcua.operations.rates import ratio
from motcua.operations.scope import OpsScope


@dataclass(frozen=True)
class Offer:
    full: int
    partial: int
    none: int

    @property
    def total(self) -> int:
        return self.full + self.partial + self.none

    @property
    def full_share(self) -> float | None:
        return ratio(self.full, self.total)

    @property
    def online_share(self) -> float | None:
        return ratio(self.full + self.partial, self.total)


def offer(scope: OpsScope, day: date) -> Offer:
    versions = ProcedureVersion.objects.in_force(day).filter(
        procedure__status=ProcedureStatus.ACTIVE, information_only=False
    )
    if scope.agency_ids is not None:
        versions = versions.filter(competent_agencies__in=sorted(scope.agency_ids))
    rows = versions.values("online_level").annotate(n=Count("procedure_id", distinct=True)).order_by()
    by_level = {row["online_level"]: int(row["n"]) for row in rows}
    return Offer(
        full=by_level.get(OnlineLevel.FULL, 0),
        partial=by_level.get(OnlineLevel.PARTIAL, 0),
        none=by_level.get(OnlineLevel.NONE, 0),
    )
