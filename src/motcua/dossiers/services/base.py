"""What every dossier action shares: lock, version check, workflow check, history, notifications.

A service looks like::

    @transaction.atomic
    def approve(dossier, *, actor, expected_version=None, now=None, note=""):
        ctx = begin(dossier, "approve", actor=actor, expected_version=expected_version, now=now)
        ...change ctx.dossier and its rows...
        return finish(ctx, note=note)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.db import transaction

from motcua.accounts.models import User
from motcua.core.exceptions import Conflict, DomainError, NotFound
from motcua.dossiers import events, hooks, sync, webhooks, workflow
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.constants import Status
from motcua.dossiers.context import actor_for, env_at
from motcua.dossiers.context import may_act_as as may_act_as  # the workflow's inputs, re-exported for the services
from motcua.dossiers.context import now_or as now_or
from motcua.dossiers.models import Dossier, DossierEvent


def lock(dossier: Dossier | int) -> Dossier:
    """Reload the dossier under a row lock (the pessimistic half of concurrency control)."""
    pk = dossier.pk if isinstance(dossier, Dossier) else dossier
    try:
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("applicant", "procedure", "procedure_version", "receiving_agency", "competent_agency")
            .get(pk=pk)
        )
    except Dossier.DoesNotExist:
        raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found") from None
    hooks.locked(locked)
    return locked


@dataclass
class ActionContext:
    dossier: Dossier
    transition: workflow.Transition
    user: User | None
    env: workflow.Env
    snapshot: workflow.Snapshot
    status_before: int
    agency_id: int | None
    role: str
    after_commit: list[Callable[[], Any]] = field(default_factory=list)
    # Events that follow the action's own in the history (automatic assignments), built when it is.
    after_record: list[Callable[[], DossierEvent]] = field(default_factory=list)
    # Events that precede it, not saved yet (the registration of a dossier decided at intake).
    before_record: list[DossierEvent] = field(default_factory=list)
    # A dossier received by this transaction: its creator inserts the row once, with its code, at the end.
    new: bool = False
    # The workflow's view of the actor (restricted to the chosen membership when one was given).
    actor: workflow.Actor | None = None

    @property
    def now(self) -> datetime:
        return self.env.now


def begin(
    dossier: Dossier | int,
    action: str,
    *,
    actor: User | None,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> ActionContext:
    """Lock, compare versions (optimistic check), and let the workflow table decide.

    ``acting``: the membership the official acts in (see :func:`actor_for`); without it the role
    recorded follows ``workflow.acting_as``'s rule.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier actions must run inside transaction.atomic()")
    locked = lock(dossier)
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(
            "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác.",
            fields={"version": [f"Phiên bản hiện tại là {locked.version}."]},
        )
    return _decide(locked, locked.snapshot(), action, actor, actor_for(actor, acting), now)


def begin_new(
    dossier: Dossier,
    action: str,
    *,
    actor: User,
    workflow_actor: workflow.Actor,
    now: datetime,
    preceded_by: Iterable[DossierEvent] = (),
) -> ActionContext:
    """``begin`` for a dossier being received by the current transaction (the reception decision at intake).

    Its row is written at the end of the transaction and nobody else can see it before commit, so
    there is nothing to lock or re-read, and it has no steps yet: the workflow decides on the
    instance in memory. ``preceded_by``: events not saved yet that come before the action's own in
    the history (its registration), written with it in one insert.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier actions must run inside transaction.atomic()")
    ctx = _decide(dossier, dossier.snapshot(new=True), action, actor, workflow_actor, now)
    ctx.new = True
    ctx.before_record.extend(preceded_by)
    return ctx


def _decide(
    dossier: Dossier,
    snap: workflow.Snapshot,
    action: str,
    actor: User | None,
    workflow_actor: workflow.Actor,
    now: datetime | None,
) -> ActionContext:
    env = env_at(now)
    transition = workflow.check(snap, action, workflow_actor, env)
    agency_id, role = workflow.acting_as(snap, transition, workflow_actor)
    return ActionContext(dossier, transition, actor, env, snap, dossier.status, agency_id, role, actor=workflow_actor)


def record(dossier: Dossier, action: str, **details: Any) -> DossierEvent:
    """Append an event to the dossier's history, saved now (the details are those of :func:`event`)."""
    entry = event(dossier, action, **details)
    entry.save()
    hooks.changed(dossier)
    return entry


def event(
    dossier: Dossier,
    action: str,
    *,
    user: User | None,
    now: datetime,
    note: str = "",
    role: str = "",
    agency_id: int | None = None,
    status_before: int | None = None,
    data: dict[str, Any] | None = None,
    files: Iterable[str] = (),
) -> DossierEvent:
    """A history event, not saved yet; ``status_after`` is the dossier's status now.

    ``action`` must have its label in ``dossiers.events``: everything recorded is shown to people.
    """
    events.require_label(action)
    payload = dict(data or {})
    file_list = list(files)
    if file_list:
        payload["files"] = file_list
    return DossierEvent(
        dossier=dossier,
        occurred_at=now,
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
        note=note,
        data=payload,
        role=role,
        agency_id=agency_id,
        status_before=status_before,
        status_after=dossier.status,
    )


class ResolvedHook(Protocol):
    def __call__(self, dossier: Dossier, *, actor: User | None, now: datetime) -> None: ...


# What happens in the action's transaction when a dossier's result becomes ready, whatever action
# made it so: the postal return order (``services.postal``, registered in ``DossiersConfig.ready``,
# since that module builds on this one).
WHEN_RESOLVED: list[ResolvedHook] = []


def finish(
    ctx: ActionContext,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
    files: Iterable[str] = (),
) -> Dossier:
    """Apply the target status, bump the version, write the event, queue the dossier's synchronisation
    to the national portal (``sync``) and the partners' webhooks (``webhooks``), and schedule the side
    effects."""
    dossier = ctx.dossier
    dossier.status = workflow.target_status(ctx.snapshot, ctx.transition)
    dossier.version += 1
    if not ctx.new:
        dossier.save()
    own = event(
        dossier,
        ctx.transition.name,
        user=ctx.user,
        now=ctx.now,
        note=note,
        role=ctx.role,
        agency_id=ctx.agency_id,
        status_before=ctx.status_before,
        data=data,
        files=files,
    )
    # One insert for the whole history of the action, in order (ids follow the list).
    written = [*ctx.before_record, own, *(build() for build in ctx.after_record)]
    DossierEvent.objects.bulk_create(written)
    if not ctx.new:  # a dossier received by this transaction is written (and announced) by ``number``
        hooks.changed(dossier)
    if not sync.awaits_number(dossier):  # else synchronised once numbered (``registration.number``)
        sync.dossier_changed(dossier, written, now=ctx.now)
        webhooks.dossier_changed(dossier, written, now=ctx.now)
    if dossier.status == Status.RESOLVED and ctx.status_before != Status.RESOLVED:
        for hook in WHEN_RESOLVED:
            hook(dossier, actor=ctx.user, now=ctx.now)
    for callback in ctx.after_commit:
        transaction.on_commit(callback)
    return dossier


def require(value: Any, field_name: str, message: str) -> None:
    """Refuse a missing required input with a field error (the workflow table lists them)."""
    if value is None or value == "" or value == [] or value == {}:
        raise DomainError(message, code="invalid", fields={field_name: [message]})
