"""Keeps the aggregates up to date in the transaction of each dossier change (``dossiers.hooks``).

When a service locks a dossier, its contribution to the aggregates is read (one query); when the
change is written, it is read again and the difference is added to the rows (``facts.apply``). The
dossier's row lock serialises two changes of the same dossier, so "before" is always what the previous
change left; the increments commute between dossiers. A rolled-back action rolls its difference back.

A change announced without a lock first (a row written by other code) cannot be told apart from what
it was: the days it touches are recounted instead (``facts.rebuild`` of those days and months).
"""

from __future__ import annotations

import logging

from motcua.dossiers import hooks
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.operations import facts

logger = logging.getLogger(__name__)
BEFORE = "_operations_contribution"


def _locked(dossier: Dossier) -> None:
    setattr(dossier, BEFORE, facts.contribution(dossier.pk))


def _changed(dossier: Dossier, created: bool) -> None:
    after = facts.contribution(dossier.pk)
    before = getattr(dossier, BEFORE, None)
    if before is None and not created and dossier.status != Status.DRAFT:
        logger.warning("Dossier %s changed without a lock: recounting the days it touches.", dossier.pk)
        days = sorted(facts.days_of(after))
        if days:
            facts.rebuild(days[0], days[-1])
        setattr(dossier, BEFORE, after)
        return
    facts.apply(facts.difference(after, before or {}))
    setattr(dossier, BEFORE, after)


def connect() -> None:
    hooks.on_locked(_locked)
    hooks.on_changed(_changed)
