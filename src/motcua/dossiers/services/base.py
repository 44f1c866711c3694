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
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.core.exceptions import Conflict, DomainError, NotFound
from motcua.dossiers import deadlines, workflow
from motcua.dossiers.actors import role_pairs
from motcua.dossiers.models import Dossier, DossierEvent


def now_or(now: datetime | None) -> datetime:
    """The single clock of the engine: explicit ``now`` (demo, imports) or the current moment."""
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("now must be an aware datetime")
    return moment


def actor_for(user: User | None) -> workflow.Actor:
    """The workflow's view of a user: id and (agency, role) pairs of their active memberships."""
    if user is None or not user.is_authenticated or not user.is_active:
        return workflow.Actor(user_id=None)
    pairs = frozenset(role_pairs(user))
    return workflow.Actor(user_id=user.pk, roles=pairs, is_superuser=user.is_superuser)


def env_at(now: datetime | None) -> workflow.Env:
    moment = now_or(now)
    return workflow.Env(now=moment, calendar=deadlines.calendar(moment))


def lock(dossier: Dossier | int) -> Dossier:
    """Reload the dossier under a row lock (the pessimistic half of concurrency control)."""
    pk = dossier.pk if isinstance(dossier, Dossier) else dossier
    try:
        return (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("applicant", "procedure", "procedure_version", "receiving_agency", "competent_agency")
            .get(pk=pk)
        )
    except Dossier.DoesNotExist:
        raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found") from None


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
    # Writes that follow the action's own event in the history (automatic assignments).
    after_record: list[Callable[[], Any]] = field(default_factory=list)

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
) -> ActionContext:
    """Lock, compare versions (optimistic check), and let the workflow table decide."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier actions must run inside transaction.atomic()")
    locked = lock(dossier)
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(
            "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác.",
            fields={"version": [f"Phiên bản hiện tại là {locked.version}."]},
        )
    env = env_at(now)
    snap = locked.snapshot()
    workflow_actor = actor_for(actor)
    transition = workflow.check(snap, action, workflow_actor, env)
    agency_id, role = workflow.acting_as(snap, transition, workflow_actor)
    return ActionContext(locked, transition, actor, env, snap, locked.status, agency_id, role)


def record(
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
    payload = dict(data or {})
    file_list = list(files)
    if file_list:
        payload["files"] = file_list
    return DossierEvent.objects.create(
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


def finish(
    ctx: ActionContext,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
    files: Iterable[str] = (),
) -> Dossier:
    """Apply the target status, bump the version, write the event, schedule the side effects."""
    dossier = ctx.dossier
    dossier.status = workflow.target_status(ctx.snapshot, ctx.transition)
    dossier.version += 1
    dossier.save()
    record(
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
    for follow_up in ctx.after_record:
        follow_up()
    for callback in ctx.after_commit:
        transaction.on_commit(callback)
    return dossier


def require(value: Any, field_name: str, message: str) -> None:
    """Refuse a missing required input with a field error (the workflow table lists them)."""
    if value is None or value == "" or value == [] or value == {}:
        raise DomainError(message, code="invalid", fields={field_name: [message]})
