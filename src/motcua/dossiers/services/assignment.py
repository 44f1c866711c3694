"""Assignment rules at work: name the handler of a step that becomes active with nobody assigned.

The engine calls ``auto_assign`` right after it activates steps, inside the action's transaction.
A rule naming the dossier's procedure wins over the agency-wide rule for the same agency and role.
When no official fits (nobody holds the role, the named official lost it), the step stays
unassigned and the head of the unit assigns it by hand, as without a rule. The history gets the
same ``assign`` event as a manual assignment, without an actor and with a note saying a rule did it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models import QuerySet

from motcua.accounts.models import Membership, User
from motcua.dossiers.actors import officials
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import AssignmentRule, AssignmentStrategy, DossierEvent, DossierStep
from motcua.dossiers.services.base import ActionContext, event
from motcua.organisations.models import Agency, AgencyKind

AUTO_NOTE = "Tự động phân công theo quy tắc phân công của cơ quan."


def assignment_candidates(step: DossierStep) -> QuerySet[User]:
    """Who may be named handler of a step: active officials holding the step's role in the step's
    agency or one of its divisions (manual assignment, rules and the back office's list alike)."""
    return officials(step.agency_id, [step.role])


def may_handle(user: User, step: DossierStep) -> bool:
    return assignment_candidates(step).filter(pk=user.pk).exists()


def matching_rule(step: DossierStep, procedure_id: int | None) -> AssignmentRule | None:
    """The active rule for the step's agency and role: procedure-specific first, then agency-wide."""
    # The agency's few rules for the role (one per procedure at most, and one agency-wide: unique
    # constraints), read without ordering and chosen here: this runs at every step activation.
    rules = AssignmentRule.objects.filter(agency_id=step.agency_id, role=step.role, is_active=True).order_by()
    fitting = [rule for rule in rules if rule.procedure_id in (procedure_id, None)]
    return min(fitting, key=lambda rule: (rule.procedure_id is None, rule.pk), default=None)


def pick_handler(rule: AssignmentRule) -> User | None:
    """The official the rule names now, or None when nobody currently fits."""
    if rule.strategy == AssignmentStrategy.FIXED:
        if rule.official_id is None:
            return None
        return officials(rule.agency_id, [rule.role]).filter(pk=rule.official_id).first()
    return least_loaded(rule.agency_id, rule.role)


# The same officials as ``actors.officials(agency, [role])`` (a test holds them equal), ordered by
# load. Written as SQL because it runs at every acceptance and forward: the ORM spent ten times
# longer building this statement than the database spent answering it. The load is counted up to a
# cap (``ASSIGNMENT_LOAD_CAP``), so the statement reads at most that many index entries per official
# however large a backlog grows: uncapped, an official with 5,000 active steps cost PostgreSQL 3.4 ms
# of CPU at every acceptance.
LEAST_LOADED_SQL = """
SELECT u.* FROM {user} u
WHERE u.is_active AND EXISTS (
    SELECT 1 FROM {membership} m JOIN {agency} a ON a.id = m.agency_id
    WHERE m.user_id = u.id AND m.is_active AND a.is_active AND m.role = %s
      AND (a.id = %s OR (a.parent_id = %s AND a.kind = %s))
)
ORDER BY
    (SELECT COUNT(*) FROM (SELECT 1 FROM {step} s WHERE s.handler_id = u.id AND s.state = %s LIMIT %s) held),
    (SELECT MAX(s.assigned_at) FROM {step} s WHERE s.handler_id = u.id AND s.assigned_at IS NOT NULL) ASC NULLS FIRST,
    u.id
"""


def least_loaded(agency_id: int, role: str) -> User | None:
    """Fewest active steps (counted up to ``ASSIGNMENT_LOAD_CAP``); ties by the longest time since the
    last assignment (never first), then id."""
    return next(iter(by_load(agency_id, role)), None)


def by_load(agency_id: int, role: str) -> Iterable[User]:
    """The officials holding ``role`` in the agency (or one of its divisions), least loaded first."""
    sql = LEAST_LOADED_SQL.format(
        user=User._meta.db_table,
        membership=Membership._meta.db_table,
        agency=Agency._meta.db_table,
        step=DossierStep._meta.db_table,
    )
    cap = max(1, settings.ASSIGNMENT_LOAD_CAP)
    params = [role, agency_id, agency_id, AgencyKind.DIVISION.value, StepState.ACTIVE.value, cap]
    return User.objects.raw(sql, params)


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
