"""The aggregates under concurrency (PostgreSQL): parallel intakes into the same rows, and two officials
changing the same dossier at once, leave the rows equal to a recount."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from motcua.core.exceptions import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import build_world
from motcua.dossiers.tests.helpers import receive, to_processing
from motcua.dossiers.tests.test_concurrency import run_in_threads
from motcua.operations.models import DayFact
from motcua.operations.reconcile import reconcile

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks are only meaningful on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_parallel_intakes_into_the_same_rows_are_all_counted(frozen: Any) -> None:
    world = build_world()

    def work(index: int) -> int:
        return len([receive(world) for _ in range(4)])

    results, errors = run_in_threads(6, work)
    assert errors == [] and sum(results) == 24
    assert sum(DayFact.objects.values_list("received", flat=True)) == 24
    assert reconcile().differences == []


def test_two_changes_of_the_same_dossier_at_once_are_counted_once_each(frozen: Any) -> None:
    world = build_world()
    dossiers = [to_processing(world) for _ in range(3)]

    def work(index: int) -> str:
        outcome = []
        for dossier in dossiers:
            try:
                if index == 0:
                    services.forward(Dossier.objects.get(pk=dossier.pk), actor=world.specialist, note="Đủ")
                else:
                    services.request_supplement(dossier.pk, actor=world.specialist, items=["Bản sao giấy tờ"])
                outcome.append("ok")
            except DomainError as error:  # the other change came first and the workflow refuses this one
                outcome.append(error.code)
        return ",".join(outcome)

    results, errors = run_in_threads(2, work)
    assert errors == [] and len(results) == 2
    assert reconcile().differences == []
