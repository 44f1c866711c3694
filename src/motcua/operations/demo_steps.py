"""The internal steps of the demo's year of returned dossiers, so the bottleneck views have a story.

Each returned dossier walks its competent agency's internal process (``dossiers.planning.plan``
gives the steps and their allotted spans on the working-time clock): every step uses part of its span,
formalities (a span of half a working day or less) take minutes, and in a late dossier the procedure's
slow step, the longest one at the competent agency, overruns. The dossier's result moment and timing
then follow from its steps, as they would in the services.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from motcua.dossiers import deadlines
from motcua.dossiers.constants import StepState
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.planning import plan
from motcua.workdays.clock import WorkingCalendar

FORMALITY = timedelta(hours=4)


def _slow_step(rows: list[DossierStep], spans: list[timedelta], competent_id: int) -> int:
    """The index of the longest step at the competent agency (the first longest on a tie)."""
    candidates = [i for i, r in enumerate(rows) if r.agency_id == competent_id] or list(range(len(rows)))
    return max(candidates, key=lambda i: spans[i])


def _use(rng: random.Random, span: timedelta, *, overrun: bool) -> timedelta:
    if overrun:
        return span * rng.uniform(1.4, 2.6)
    if span <= FORMALITY:
        return timedelta(minutes=rng.randint(3, 40))
    return span * rng.choice([0.25, 0.4, 0.55, 0.7, 0.85, 0.95])


def walk(rng: random.Random, cal: WorkingCalendar, d: Dossier, *, late: bool) -> list[DossierStep]:
    """The finished steps of ``d`` from its acceptance; sets its result moment and timing from them."""
    start = d.accepted_at
    if start is None:
        return []
    rows = plan(d, cal, start)
    spans, previous = [], start
    for row in rows:
        due = row.due_at or previous
        spans.append(max(due - previous, timedelta(0)))
        previous = max(due, previous)
    slow = _slow_step(rows, spans, d.competent_agency_id) if late else -1
    moment: datetime = start
    for i, (row, span) in enumerate(zip(rows, spans, strict=True)):
        row.state = StepState.DONE
        row.started_at, row.due_at = moment, moment + span
        moment = moment + _use(rng, span, overrun=i == slow)
        row.finished_at = moment
        row.timing = deadlines.classify(row.finished_at, row.due_at)
    d.resolved_at = d.approved_at = moment
    d.timing = deadlines.classify(moment, d.due_at)
    return rows
