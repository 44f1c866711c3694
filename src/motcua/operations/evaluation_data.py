"""What the Circular 01/2018 evaluation (``evaluation.py``) reads: two aggregates over the dossiers.

The per-dossier indicators are counted over the dossiers resolved in the period, each with what it
needs from its steps, supplement requests and ratings as ``EXISTS`` or count subqueries (one query);
indicator 9 reads the procedures and dossiers received in the period (one query). The feedback
indicator reads the feedback slot. A separate page from the dashboard: it is not on its refresh path.
"""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from motcua.catalogue.constants import OnlineLevel
from motcua.dossiers.constants import Channel, ReturnMethod, Satisfaction, Status, StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep, Rating, SupplementRequest
from motcua.operations import evaluation, feedback
from motcua.operations.figures import BY_KEY, Window
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters

REMOTE_CHANNELS = (Channel.ONLINE, Channel.POSTAL)
REMOTE_RETURNS = (ReturnMethod.ELECTRONIC, ReturnMethod.POSTAL)


def _resolved_counts(scope: OpsScope, window: Window, filters: Filters) -> dict[str, int]:
    steps = DossierStep.objects.filter(dossier=OuterRef("pk"), kind=StepKind.PROCESS, state=StepState.DONE)
    supplements = (
        SupplementRequest.objects.filter(dossier=OuterRef("pk"))
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    unhappy = Rating.objects.filter(dossier=OuterRef("pk"), satisfaction=Satisfaction.NOT_SATISFIED)
    rows = (
        Dossier.objects.filter(scope.dossier_q(), filters.q(), BY_KEY["resolved"].condition(window))
        .exclude(status=Status.DRAFT)
        .annotate(
            any_late=Exists(steps.filter(timing="late")),
            any_not_early=Exists(steps.exclude(timing="early")),
            any_step=Exists(steps),
            asked=Coalesce(Subquery(supplements, output_field=IntegerField()), Value(0)),
            unhappy=Exists(unhappy),
        )
    )
    remote = Q(channel__in=REMOTE_CHANNELS, return_method__in=REMOTE_RETURNS)
    row = rows.aggregate(
        resolved=Count("pk"),
        resolved_early=Count("pk", filter=Q(timing="early")),
        resolved_on_time=Count("pk", filter=Q(timing="on_time")),
        resolved_late=Count("pk", filter=Q(timing="late")),
        steps_all_early=Count("pk", filter=Q(any_step=True, any_not_early=False)),
        steps_any_late=Count("pk", filter=Q(any_late=True)),
        supplements_none=Count("pk", filter=Q(asked=0)),
        supplements_one=Count("pk", filter=Q(asked=1)),
        contact_none=Count("pk", filter=remote),
        attitude_two=Count("pk", filter=Q(timing="early", unhappy=False)),
        attitude_one=Count("pk", filter=Q(timing="on_time", unhappy=False)),
    )
    return {key: int(value or 0) for key, value in row.items()}


def _online_counts(scope: OpsScope, window: Window, filters: Filters) -> dict[str, int]:
    offered = Q(procedure_version__online_level__in=[OnlineLevel.FULL, OnlineLevel.PARTIAL])
    row = (
        Dossier.objects.filter(scope.dossier_q(), filters.q(), BY_KEY["received"].condition(window))
        .exclude(status=Status.DRAFT)
        .aggregate(
            procedures=Count("procedure_id", distinct=True),
            procedures_online=Count("procedure_id", distinct=True, filter=offered),
            online_capable=Count("pk", filter=offered),
            online_capable_online=Count("pk", filter=offered & Q(channel=Channel.ONLINE)),
            online_late=Count("pk", filter=Q(channel=Channel.ONLINE, timing="late")),
        )
    )
    return {key: int(value or 0) for key, value in row.items()}


def evaluate(scope: OpsScope, window: Window, filters: Filters) -> evaluation.Evaluation:
    counts = {**_resolved_counts(scope, window, filters), **_online_counts(scope, window, filters)}
    fed = feedback.figures_for(scope.agency_ids, window.start, window.end)
    return evaluation.score(
        counts,
        feedback_handled=fed.handled if fed else None,
        feedback_on_time=fed.handled_on_time if fed else None,
    )
