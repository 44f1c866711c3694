"""Each step's time against its allotted time, and what a department head can act on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from motcua.dossiers.models import DossierStep
from motcua.dossiers.tests.conftest import MONDAY_9AM
from motcua.dossiers.tests.helpers import to_resolved
from motcua.operations import periods
from motcua.operations.figures import Window
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters
from motcua.operations.step_times import step_times, suggestion


@pytest.mark.parametrize(
    ("finished", "late", "median_minutes", "p90_share", "expected"),
    [
        (10, 2, 600, 0.9, "late"),  # 20 % late
        (10, 1, 600, 0.9, ""),
        (10, 0, 10, 0.1, "merge"),  # a formality
        (10, 0, 600, 0.5, "shorten"),
        (10, 0, 600, 0.51, ""),
        (10, 1, 600, 0.3, ""),  # short usually, but late once: not a step to shorten
        (10, 0, 600, None, ""),  # no due moment: nothing to compare with
        (0, 0, 600, None, ""),
    ],
)
def test_suggestions(finished: int, late: int, median_minutes: float, p90_share: float | None, expected: str) -> None:
    assert suggestion(finished, late, median_minutes, p90_share) == expected


@pytest.mark.django_db
def test_each_step_of_the_procedure_with_median_and_p90(world: Any) -> None:
    dossiers = [to_resolved(world) for _ in range(10)]
    for n, dossier in enumerate(dossiers, start=1):
        # Step 2 (appraisal) takes n hours of a 20-hour span; step 1 is a two-minute formality.
        DossierStep.objects.filter(dossier=dossier, order=2).update(
            started_at=MONDAY_9AM, finished_at=MONDAY_9AM + timedelta(hours=n), due_at=MONDAY_9AM + timedelta(hours=20)
        )
        DossierStep.objects.filter(dossier=dossier, order=1).update(
            started_at=MONDAY_9AM, finished_at=MONDAY_9AM + timedelta(minutes=2)
        )
    month = periods.month(2026, 3)
    window = Window(month.start, month.end, MONDAY_9AM + timedelta(days=1))
    assert step_times(OpsScope(None, ""), window, Filters()) == []  # only for a chosen procedure
    rows = {r.order: r for r in step_times(OpsScope(None, ""), window, Filters(procedure=world.procedure.code))}
    appraisal = rows[2]
    assert appraisal.finished == 10 and appraisal.late == 0
    assert appraisal.median_hours == 5.5 and appraisal.p90_hours == 9.0
    assert appraisal.p90_share == pytest.approx(9 / 20)
    assert appraisal.suggestion == "shorten"
    assert rows[1].suggestion == "merge"
    outside = OpsScope(frozenset({world.partner.pk}), "")
    assert step_times(outside, window, Filters(procedure=world.procedure.code)) == []
