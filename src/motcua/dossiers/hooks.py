"""Who else must know when a dossier changes, inside the same transaction.

Apps that keep something derived from dossiers (the operations centre's aggregates) register here in
their ``AppConfig.ready``; the dossiers app calls them without importing those apps:

- ``locked(dossier)``: the row was just locked by a service, before any change (what it was);
- ``changed(dossier, created=…)``: the row and the rows beside it (supplement requests, ratings) were
  written (what it is now). ``created``: the row did not exist before this transaction.

A receiver that raises rolls the action back with it: it must not fail on data it does not know.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from motcua.dossiers.models import Dossier

Locked = Callable[["Dossier"], None]
Changed = Callable[["Dossier", bool], None]

_locked: list[Locked] = []
_changed: list[Changed] = []


def on_locked(receiver: Locked) -> None:
    if receiver not in _locked:
        _locked.append(receiver)


def on_changed(receiver: Changed) -> None:
    if receiver not in _changed:
        _changed.append(receiver)


def locked(dossier: Dossier) -> None:
    for receiver in _locked:
        receiver(dossier)


def changed(dossier: Dossier, *, created: bool = False) -> None:
    for receiver in _changed:
        receiver(dossier, created)
