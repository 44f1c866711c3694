"""Reconciliation: the maintained aggregates compared with a recount of the dossiers.

The recount applies the figure definitions (``figures.DATED``) to the dossiers of the days asked; every
counter of every row that differs is reported, and ``fix`` replaces the rows of those days by the
recount. Run by ``manage.py reconcile_operations`` (and after a bulk import that bypassed the services).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from motcua.operations import facts
from motcua.operations.models import DayFact


@dataclass(frozen=True)
class Difference:
    table: str
    key: tuple[Any, ...]
    counter: str
    stored: Any
    expected: Any

    def __str__(self) -> str:
        return f"{self.table} {'/'.join(str(p) for p in self.key)} {self.counter}: {self.stored} ≠ {self.expected}"


@dataclass(frozen=True)
class Outcome:
    differences: list[Difference]
    fixed: bool
    checked: dict[str, int]  # rows compared per table


def reconcile(first: date | None = None, last: date | None = None, *, fix: bool = False) -> Outcome:
    """Compare the rows of [first, last] (every day by default; whole months for the monthly rows)."""
    differences: list[Difference] = []
    checked = {}
    for model in facts.MODELS:
        a, b = (first, last) if model is DayFact else facts.month_range(first, last)
        expected = facts.recount(model, first, last)
        found = facts.stored(model, a, b)
        checked[model.__name__] = len(expected.keys() | found.keys())
        differences += [Difference(model.__name__, *d) for d in facts.compare(model, expected, found)]
    if fix and differences:
        facts.rebuild(first, last)
    return Outcome(differences, fix and bool(differences), checked)
