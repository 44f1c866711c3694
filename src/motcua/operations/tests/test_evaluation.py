"""The Circular 01/2018 evaluation: the scoring rules as a table, then the counts read from dossiers."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from motcua.dossiers.constants import Satisfaction
from motcua.dossiers.models import Dossier, DossierStep, Rating, SupplementRequest
from motcua.dossiers.tests.conftest import MONDAY_9AM
from motcua.dossiers.tests.helpers import to_resolved
from motcua.operations import periods
from motcua.operations.evaluation import grade, score
from motcua.operations.evaluation_data import evaluate
from motcua.operations.figures import Window
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters

BASE = {
    "resolved": 10,
    "resolved_early": 4,
    "resolved_on_time": 5,
    "resolved_late": 1,
    "steps_all_early": 3,
    "steps_any_late": 2,
    "supplements_none": 7,
    "supplements_one": 2,
    "contact_none": 6,
    "attitude_two": 4,
    "attitude_one": 4,
    "procedures": 5,
    "procedures_online": 2,
    "online_capable": 10,
    "online_capable_online": 4,
    "online_late": 0,
}


def by_number(counts: dict[str, int], **feedback: int | None) -> dict[int, Decimal | None]:
    handled = feedback.get("handled")
    on_time = feedback.get("on_time")
    result = score(counts, feedback_handled=handled, feedback_on_time=on_time)
    return {i.number: i.score for i in result.indicators}


@pytest.mark.parametrize(
    ("change", "number", "expected"),
    [
        ({}, 1, Decimal("1.3")),  # (2×4 + 5) / 10 = 1.3
        ({}, 2, Decimal("1.1")),  # 3 all early, 5 none late: (6 + 5) / 10
        ({}, 3, Decimal("1.6")),  # (14 + 2) / 10
        ({}, 4, Decimal("1.6")),  # 6 remote: (12 + 4) / 10
        ({}, 7, Decimal("1.2")),  # (8 + 4) / 10
        ({}, 9, Decimal(2)),  # 40 % offered, 40 % online, none late
        ({"online_late": 1}, 9, Decimal(1)),
        ({"online_capable_online": 1}, 9, Decimal(0)),  # 10 % online
        ({"online_capable_online": 2}, 9, Decimal(1)),  # 20 % online
        ({"procedures_online": 0, "online_capable": 0, "online_capable_online": 0}, 9, Decimal(0)),
        ({"procedures": 0, "procedures_online": 0}, 9, None),  # nothing received: excluded
        ({"resolved": 0, "resolved_early": 0, "resolved_on_time": 0, "resolved_late": 0}, 1, None),
        ({}, 5, None),  # never recorded
        ({}, 6, None),
        ({}, 8, None),  # no feedback provider
    ],
)
def test_each_indicator_follows_its_rule(change: dict[str, int], number: int, expected: Decimal | None) -> None:
    assert by_number({**BASE, **change})[number] == expected


@pytest.mark.parametrize(
    ("handled", "on_time", "expected"),
    [(10, 10, Decimal(2)), (10, 9, Decimal(1)), (10, 8, Decimal(0)), (0, 0, None)],
)
def test_feedback_indicator(handled: int, on_time: int, expected: Decimal | None) -> None:
    assert by_number(BASE, handled=handled, on_time=on_time)[8] == expected


@pytest.mark.parametrize(
    ("total", "label"),
    [(Decimal(18), "Xuất sắc"), (Decimal(15), "Xuất sắc"), (Decimal("14.9"), "Tốt"), (Decimal(9), "Khá"),
     (Decimal("8.9"), "Trung bình"), (Decimal("5.9"), "Yếu"), (None, None)],
)  # fmt: skip
def test_grades_of_article_15(total: Decimal | None, label: str | None) -> None:
    assert grade(total) == label


def test_the_total_is_read_on_the_scale_of_the_scored_indicators() -> None:
    result = score(BASE, feedback_handled=None, feedback_on_time=None)
    scored = [i.score for i in result.indicators if i.score is not None]
    assert result.scored_maximum == 12 and result.total == sum(scored)
    assert result.on_full_scale == (result.total * 18 / 12).quantize(Decimal("0.1"))
    assert [i.number for i in result.indicators] == list(range(1, 10))


@pytest.mark.django_db
def test_the_counts_are_read_from_the_dossiers(world: Any) -> None:
    dossiers = [to_resolved(world) for _ in range(4)]
    early, on_time, late, asked_twice = dossiers
    Dossier.objects.filter(pk=early.pk).update(timing="early")
    Dossier.objects.filter(pk__in=[on_time.pk, asked_twice.pk]).update(timing="on_time")
    Dossier.objects.filter(pk=late.pk).update(timing="late")
    DossierStep.objects.filter(dossier=early, state="done").update(timing="early")
    DossierStep.objects.filter(dossier=late, order=2).update(timing="late")
    for _ in range(2):
        SupplementRequest.objects.create(
            dossier=asked_twice, requested_at=MONDAY_9AM, stage="processing", agency=world.department
        )
    Rating.objects.create(dossier=on_time, satisfaction=Satisfaction.NOT_SATISFIED, rated_at=MONDAY_9AM)
    month = periods.month(2026, 3)
    result = evaluate(OpsScope(None, ""), Window(month.start, month.end, MONDAY_9AM + timedelta(days=1)), Filters())
    scores = {i.number: i.score for i in result.indicators}
    assert scores[1] == Decimal("1.0")  # (2 + 1 + 0 + 1) / 4
    assert scores[2] == Decimal("1.0")  # early dossier 2, late one 0, the others 1: 4 / 4
    assert scores[3] == Decimal("1.5")  # three never asked, one asked twice: 6 / 4
    assert scores[7] == Decimal("0.8")  # early 2, on time but unhappy 0, late 0, on time 1: 3 / 4
    assert result.grade is not None
