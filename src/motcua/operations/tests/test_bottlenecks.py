"""Bottlenecks: the step where dossiers got late, with its share of the period's late dossiers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.tests.conftest import MONDAY_9AM
from motcua.dossiers.tests.helpers import to_resolved
from motcua.operations import periods
from motcua.operations.bottlenecks import bottlenecks
from motcua.operations.figures import Window
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters

pytestmark = pytest.mark.django_db


def test_the_late_step_is_named_with_its_share_of_late_dossiers(world: Any) -> None:
    dossiers = [to_resolved(world) for _ in range(3)]
    steps = DossierStep.objects.filter(dossier__in=dossiers, state="done").order_by("dossier_id", "order")
    assert steps.exists()
    appraisal = steps.filter(order=2)
    late_one, late_two = dossiers[0], dossiers[1]
    appraisal.filter(dossier__in=[late_one, late_two]).update(timing="late")
    Dossier.objects.filter(pk=late_one.pk).update(timing="late")
    month = periods.month(2026, 3)
    window = Window(month.start, month.end, MONDAY_9AM + timedelta(days=1))
    rows = bottlenecks(OpsScope(None, ""), window, Filters())
    assert len(rows) == 1
    row = rows[0]
    assert row["order"] == 2 and row["late"] == 2 and row["finished"] == 3
    assert row["late_share"] == pytest.approx(2 / 3)
    assert row["of_late_dossiers"] == 1.0  # the one dossier resolved late was late at this step
    assert row["used_hours"] is not None and row["allotted"] is not None
    assert bottlenecks(OpsScope(frozenset({world.partner.pk}), ""), window, Filters()) == []


def test_the_dossiers_late_at_a_step_are_listed_once_each(world: Any) -> None:
    from motcua.operations.bottlenecks import late_at_step

    dossiers = [to_resolved(world) for _ in range(3)]
    DossierStep.objects.filter(dossier__in=dossiers[:2], order=2).update(timing="late")
    month = periods.month(2026, 3)
    window = Window(month.start, month.end, MONDAY_9AM + timedelta(days=1))
    procedure = Filters(procedure=dossiers[0].procedure.code)
    listed = late_at_step(OpsScope(None, ""), window, procedure, 2)
    assert sorted(d.pk for d in listed) == sorted(d.pk for d in dossiers[:2])
    assert list(late_at_step(OpsScope(None, ""), window, procedure, 1)) == []
    outside = OpsScope(frozenset({world.partner.pk}), "")
    assert list(late_at_step(outside, window, procedure, 2)) == []
    assert late_at_step(OpsScope(None, ""), window, procedure, 2).count() == 2
