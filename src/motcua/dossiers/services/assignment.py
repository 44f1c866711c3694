"""Assignment rules at work: name the handler of a step that becomes active with nobody assigned.

The engine calls ``auto_assign`` right after it activates steps, inside the action's transaction.
A rule naming the dossier's procedure wins over the agency-wide rule for the same agency and role.
When no official fits (nobody holds the role, the named official lost it), the step stays
unassigned and the head of the unit assigns it by hand, as without a rule. The history gets the
same ``assign`` event as a manual assignment, without an actor and with a note saying a rule did it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from motcua.accounts.models import User
from motcua.dossiers.actors import officials
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import AssignmentRule, AssignmentStrategy, DossierEvent, DossierStep
from motcua.dossiers.services.base import ActionContext, event

AUTO_NOTE = "Tự động phân công theo quy tắc phân công của cơ quan."


def matching_rule(step: DossierStep, procedure_id: int | None) -> AssignmentRule | None:
    """The active rule for the step's agency and role: procedure-specific first, then agency-wide."""
    return (
        AssignmentRule.objects.filter(agency_id=step.agency_id, role=step.role, is_active=True)
        .filter(Q(procedure_id=procedure_id) | Q(procedure__isnull=True))
        .select_related("official")
        .order_by(F("procedure_id").asc(nulls_last=True), "pk")
        .first()
    )


def pick_handler(rule: AssignmentRule) -> User | None:
    """The official the rule names now, or None when nobody currently fits."""
    eligible = officials(rule.agency_id, [rule.role])
    if rule.strategy == AssignmentStrategy.FIXED:
        if rule.official_id is None:
            return None
        return rule.official if eligible.filter(pk=rule.official_id).exists() else None
    return least_loaded(eligible.values("pk"))


def least_loaded(candidate_ids: Any) -> User | None:
    """Fewest active steps; ties by the longest time since the last assignment (never first), then id."""
    active = (
        DossierStep.objects.filter(handler_id=OuterRef("pk"), state=StepState.ACTIVE)
        .order_by()
        .values("handler_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last = (
        DossierStep.objects.filter(handler_id=OuterRef("pk"), assigned_at__isnull=False)
        .order_by("-assigned_at")
        .values("assigned_at")[:1]
    )
    return (
        User.objects.filter(pk__in=candidate_ids)
        .annotate(load=Coalesce(Subquery(active, output_field=IntegerField()), Value(0)), last=Subquery(last))
        .order_by("load", F("last").asc(nulls_first=True), "pk")
        .first()
    )


def auto_assign(ctx: ActionContext, activated: Iterable[DossierStep], *, save: bool = True) -> list[DossierStep]:
    """Apply the matching rules to the newly active process steps that have no handler.

    ``save=False`` for steps not inserted yet (acceptance inserts them afterwards, in one statement).
    """
    assigned: list[DossierStep] = []
    for step in activated:
        if step.handler_id is not None or step.kind != StepKind.PROCESS or step.state != StepState.ACTIVE:
            continue
        rule = matching_rule(step, ctx.dossier.procedure_id)
        handler = pick_handler(rule) if rule is not None else None
        if rule is None or handler is None:
            continue
        step.handler, step.assigned_at = handler, ctx.now
        if save:
            step.save(update_fields=["handler", "assigned_at"])
        ctx.after_record.append(_event_writer(ctx, step, handler, rule))
        assigned.append(step)
    return assigned


def _event_writer(
    ctx: ActionContext, step: DossierStep, handler: User, rule: AssignmentRule
) -> Callable[[], DossierEvent]:
    def build() -> DossierEvent:
        return event(
            ctx.dossier,
            "assign",
            user=None,
            now=ctx.now,
            note=AUTO_NOTE,
            agency_id=step.agency_id,
            status_before=ctx.dossier.status,
            data={"step": step.name, "handler": handler.pk, "rule": rule.pk, "automatic": True},
        )

    return build
