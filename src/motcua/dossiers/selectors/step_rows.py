"""Step boxes read a page at a time from the steps table, most urgent step first.

A step box (``to_assign``, ``to_process``, ``to_approve``, ``consultations``) lists the dossiers with
an active step here matching the box, sorted by that step's due moment. Sorting the *dossiers* by a
value computed from their steps made PostgreSQL visit every dossier of the box before returning the
first page: 60–120 ms for a commune's 7,000 waiting dossiers at 1M. Walking the *steps* in the order
of their due moment (the ``step_agency_inbox`` index), checking each one's dossier as it goes, stops
after the page instead.

A dossier with two matching steps (parallel steps of one group) must still appear once: the rows are
de-duplicated here, keeping the first (most urgent) step, and more steps are read when duplicates
left the page short. The count for the pager is the box's own capped count over dossiers.

:class:`StepBoxRows` is what Django's paginator needs (``count()`` and slices), so the back office
and the API page through it like a queryset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F, Q, QuerySet

from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.selectors.inboxes import STEP_BOXES, Filters, Scope, box_q, capped, filters_q, listing, step_box

# Steps read per needed row on the first try: room for a few duplicates without a second query.
OVERFETCH = 2


def prefixed(condition: Q, prefix: str) -> Q:
    """The same condition on a related model: ``Q(status=2)`` → ``Q(dossier__status=2)``."""
    moved = Q()
    moved.connector, moved.negated = condition.connector, condition.negated
    moved.children = [_prefixed_child(child, prefix) for child in condition.children]
    return moved


def _prefixed_child(child: Any, prefix: str) -> Any:
    if isinstance(child, Q):
        return prefixed(child, prefix)
    if isinstance(child, tuple):
        lookup, value = child
        return (f"{prefix}__{lookup}", value)
    raise TypeError(f"Cannot move {child!r} to {prefix}: only field lookups can be")


STEP_ORDER: dict[str, tuple[Any, ...]] = {
    "due": (F("due_at").asc(nulls_last=True), "dossier__submitted_at", "dossier_id"),
    "-due": (F("due_at").desc(nulls_last=True), "-dossier__submitted_at", "-dossier_id"),
    "received": ("dossier__submitted_at", "dossier_id", F("due_at").asc(nulls_last=True)),
    "-received": ("-dossier__submitted_at", "-dossier_id", F("due_at").asc(nulls_last=True)),
}


@dataclass
class StepBoxRows:
    """The dossiers of a step box in page-sized reads; each dossier carries ``step_due_at``."""

    steps: QuerySet[DossierStep]
    dossiers: QuerySet[Dossier]  # the same box as dossiers, for the count
    rows: QuerySet[Dossier]  # how the page's dossiers are loaded (related rows, columns)

    def count(self) -> int:
        return self.dossiers.count()

    def capped_count(self, cap: int) -> int:
        """Up to ``cap + 1``: enough for the pager, without counting a whole large box."""
        return capped(self.dossiers, cap)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Dossier]:
        if not isinstance(window, slice) or window.step not in (None, 1):
            raise TypeError("StepBoxRows supports plain slices only")
        start, stop = window.start or 0, window.stop
        if stop is None:
            raise TypeError("StepBoxRows needs a bounded slice")
        due = self._first_steps(stop)
        ids = list(due)[start:stop]
        loaded = self.rows.in_bulk(ids)
        page = []
        for pk in ids:
            dossier = loaded[pk]
            dossier.step_due_at = due[pk]  # type: ignore[attr-defined]
            page.append(dossier)
        return page

    def _first_steps(self, wanted: int) -> dict[int, datetime | None]:
        """The first ``wanted`` dossiers in step order, each with the due moment of its first step."""
        limit = max(wanted * OVERFETCH, 20)
        while True:
            read = list(self.steps.values_list("dossier_id", "due_at")[:limit])
            first: dict[int, datetime | None] = {}
            for dossier_id, due_at in read:
                first.setdefault(dossier_id, due_at)
            if len(first) >= wanted or len(read) < limit:
                return first
            limit *= 2


def step_rows(
    scope: Scope,
    key: str,
    filters: Filters | None = None,
    *,
    extra: Q | None = None,
    rows: QuerySet[Dossier] | None = None,
) -> StepBoxRows:
    """Step box ``key`` of ``scope`` narrowed by ``filters`` and ``extra`` (a condition on the dossier)."""
    filters = filters or Filters()
    on_dossier, on_step = step_box(key, scope)
    narrowing = filters_q(filters) & (extra or Q())
    steps = DossierStep.objects.filter(on_step, prefixed(on_dossier & narrowing, "dossier")).order_by(
        *STEP_ORDER.get(filters.sort, STEP_ORDER["due"])
    )
    dossiers = Dossier.objects.filter(box_q(key, scope)).filter(narrowing)
    return StepBoxRows(steps=steps, dossiers=dossiers, rows=rows if rows is not None else Dossier.objects.all())


def capped_count(items: Any, cap: int) -> int:
    """``COUNT(*)`` of a queryset or a step box, stopping after ``cap + 1`` rows, without sorting."""
    if isinstance(items, StepBoxRows):
        return items.capped_count(cap)
    # Only the ids: an annotation the page shows (a step's due moment) is not computed for every row.
    return capped(items, cap)


def box_rows(
    scope: Scope,
    key: str,
    filters: Filters | None = None,
    *,
    extra: Q | None = None,
    load: Callable[[QuerySet[Dossier]], QuerySet[Dossier]] = lambda rows: rows,
) -> StepBoxRows | QuerySet[Dossier]:
    """The rows of box ``key`` for a pager: a step box a page of steps at a time, any other its listing.

    ``load`` says how the dossiers of a page are read (related rows, columns), the same for both.
    """
    if key in STEP_BOXES:
        return step_rows(scope, key, filters, extra=extra, rows=load(Dossier.objects.all()))
    return load(listing(scope, key, filters).filter(extra or Q()))
