"""Where dossiers get late: each internal step's time against its allotted time, per procedure.

Two ``GROUP BY`` queries over the steps finished in the period (never a loop over dossiers): the steps
with their late share and average time used, and, among the dossiers resolved late in the period, how
many had that step late (the share of late dossiers that became late there).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max, Q, QuerySet

from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep
from motcua.operations.figures import Window
from motcua.operations.rates import ratio
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters, drill

GROUP = ("dossier__procedure__code", "dossier__procedure__name", "order", "name", "agency__name")


def _steps(scope: OpsScope, window: Window, filters: Filters) -> Any:
    # Driven from the dossiers (the scope and filters select them, then the steps' dossier index finds
    # their steps): the steps table has no index on the finish moment and is several times the dossiers.
    dossiers = Dossier.objects.filter(scope.dossier_q(), filters.q(), accepted_at__lt=window.end).values("pk")
    return DossierStep.objects.filter(
        Q(kind=StepKind.PROCESS, state=StepState.DONE, finished_at__gte=window.start, finished_at__lt=window.end),
        dossier_id__in=dossiers,
    )


def bottlenecks(scope: OpsScope, window: Window, filters: Filters, *, limit: int = 15) -> list[dict[str, Any]]:
    """The steps with the most late finishes, with their late share, average time used and allotted time,
    and the share of the period's late dossiers that were late at that step."""
    used = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    rows = list(
        _steps(scope, window, filters)
        .values(*GROUP)
        .annotate(
            finished=Count("pk"),
            late=Count("pk", filter=Q(timing="late")),
            used=Avg(used),
            allotted=Avg("duration_value"),
            unit=Max("duration_unit"),
        )
        .filter(late__gt=0)
        .order_by("-late", "dossier__procedure__code", "order")[:limit]
    )
    late_dossiers = (
        _steps(scope, window, filters)
        .filter(timing="late", dossier__timing="late")
        .filter(dossier__resolved_at__gte=window.start, dossier__resolved_at__lt=window.end)
        .values(*GROUP)
        .annotate(dossiers=Count("dossier_id", distinct=True))
        .order_by()
    )
    became_late = {tuple(r[k] for k in GROUP): r["dossiers"] for r in late_dossiers}
    total_late = _late_total(scope, window, filters)
    for row in rows:
        row["late_share"] = ratio(row["late"], row["finished"])
        row["used_hours"] = _hours(row["used"])
        row["of_late_dossiers"] = ratio(became_late.get(tuple(row[k] for k in GROUP), 0), total_late)
    return rows


def late_at_step(scope: OpsScope, window: Window, filters: Filters, order: int) -> QuerySet[Dossier]:
    """The dossiers behind a bottleneck row: those of the procedure (``filters.procedure``) whose step
    ``order`` finished late in the period. The row counts finishes of that step; a dossier that went
    through the step twice (sent back) is listed once."""
    late = _steps(scope, window, filters).filter(order=order, timing="late").values("dossier_id")
    return Dossier.objects.filter(pk__in=late)


def _late_total(scope: OpsScope, window: Window, filters: Filters) -> int:
    return drill(scope, window, filters, "resolved_late").count()


def _hours(value: Any) -> float | None:
    if value is None:
        return None
    if not isinstance(value, timedelta):
        value = timedelta(microseconds=float(value))
    return round(value.total_seconds() / 3600, 1)
