"""The inputs of the workflow shared by reads and writes: the moment, its environment, the acting user.

Selectors (what an official may do now, what is late) and services (checking an action) both need
them, so they live here rather than in ``services``: the read side never imports the write side
(an import contract in ``pyproject.toml``). ``services.base`` re-exports them for the services.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from motcua.accounts.models import User
from motcua.dossiers import deadlines, workflow
from motcua.dossiers.actors import ActingAs, acting_pairs, role_pairs


def now_or(now: datetime | None) -> datetime:
    """The single clock of the engine: explicit ``now`` (demo, imports) or the current moment."""
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("now must be an aware datetime")
    return moment


def actor_for(user: User | None, acting: ActingAs | None = None) -> workflow.Actor:
    """The workflow's view of a user: id and (agency, role) pairs of their active memberships.

    With ``acting`` (the membership the official chose to act in), only that membership's pairs
    count, so the action is allowed and recorded in that role alone; a pair the user does not hold
    gives nothing (a superuser, who may act anywhere, keeps the chosen pair).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return workflow.Actor(user_id=None)
    pairs = frozenset(role_pairs(user))
    if acting is not None:
        chosen = acting_pairs(acting)
        pairs = chosen if user.is_superuser else pairs & chosen
    return workflow.Actor(user_id=user.pk, roles=pairs, is_superuser=user.is_superuser)


def may_act_as(actor: workflow.Actor, agency_id: int, role: str) -> bool:
    return actor.is_superuser or (agency_id, role) in actor.roles


def env_at(now: datetime | None) -> workflow.Env:
    moment = now_or(now)
    return workflow.Env(now=moment, calendar=deadlines.calendar(moment))
