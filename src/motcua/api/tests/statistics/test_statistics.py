"""``/api/v1/statistics/``: the figures of the caller's scope, the 766 index, rankings, the public aggregates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import receive
from motcua.operations import feedback
from motcua.operations.tests.conftest import varied_copies

pytestmark = pytest.mark.django_db
QUARTER = {"period": "quarter", "year": "2026", "quarter": "1"}


@pytest.fixture
def data(db: Any) -> Iterator[Any]:
    with time_machine.travel(MONDAY_9AM, tick=False):
        world = build_world()
        varied_copies(receive(world), 80, agencies=[world.department, world.commune])
        yield world


def client_for(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_figures_of_the_province_for_the_service_centre(data: Any) -> None:
    body = client_for(data.officer).get("/api/v1/statistics/figures/", {**QUARTER, "by": "channel"}).json()
    assert body["scope"] == "Toàn tỉnh" and body["period"]["title"] == "Quý 1/2026"
    assert body["counts"]["received"] == sum(r["received"] for r in body["rows"]) > 0
    assert {r["key"] for r in body["rows"]} <= {"counter", "online", "postal"}
    assert len(body["months"]) == 3
    assert sum(body["offer"].values()) >= 1  # the catalogue's procedures by online level


def test_an_agency_leader_gets_the_agency_and_is_refused_another(data: Any) -> None:
    api = client_for(data.leader)
    body = api.get("/api/v1/statistics/figures/", QUARTER).json()
    assert {r["key"] for r in body["rows"]} <= {str(data.department.pk)}
    refused = api.get("/api/v1/statistics/figures/", {**QUARTER, "agency": data.commune.pk})
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"


@pytest.mark.parametrize("params", [{"period": "decade"}, {"month": "0", "period": "month"}, {"by": "x"}])
def test_bad_parameters_are_a_structured_400(data: Any, params: dict[str, str]) -> None:
    response = client_for(data.officer).get("/api/v1/statistics/figures/", params)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and response.json()["fields"]


def test_index_shows_what_is_held_nationally_and_the_feedback_slot(data: Any) -> None:
    body = client_for(data.officer).get("/api/v1/statistics/index-766/", QUARTER).json()
    subs = {sub["key"]: sub for g in body["groups"] for sub in g["sub_indicators"]}
    assert subs["ckmb_published"]["status"] == "national" and subs["ckmb_published"]["points"] is None
    assert subs["mdhl_feedback_on_time"]["status"] == "no_data"
    assert subs["tdgq_on_time"]["status"] == "scored"


def test_a_registered_feedback_provider_fills_the_slot(data: Any) -> None:
    class Provider:
        def figures(self, agency_ids: Any, start: Any, end: Any) -> feedback.FeedbackFigures:
            return feedback.FeedbackFigures(10, 8, 8, 4, 3, 1)

    feedback.register(Provider())
    try:
        body = client_for(data.officer).get("/api/v1/statistics/index-766/", QUARTER).json()
    finally:
        feedback.unregister()
    subs = {sub["key"]: sub for g in body["groups"] for sub in g["sub_indicators"]}
    assert subs["mdhl_feedback_on_time"]["status"] == "scored"
    assert subs["mdhl_feedback_on_time"]["points"] == "6.00"


def test_rankings(data: Any) -> None:
    body = (
        client_for(data.officer)
        .get("/api/v1/statistics/rankings/", {"period": "month", "year": "2026", "month": "2"})
        .json()
    )
    assert {r["agency"] for r in body["province"]} == {data.department.pk}
    assert {r["agency"] for r in body["commune"]} == {data.commune.pk}


def test_public_aggregates_have_no_personal_data(data: Any) -> None:
    response = APIClient().get("/api/v1/statistics/public/", QUARTER)
    assert response.status_code == 200
    text = response.content.decode()
    assert response.json()["received"] > 0
    assert "OPS-" not in text and data.officer.username not in text and "applicant" not in text


def test_the_periodic_report_by_sector(data: Any) -> None:
    body = client_for(data.officer).get("/api/v1/statistics/report/", QUARTER).json()
    assert body["scope"] == "Toàn tỉnh" and body["period"]["title"] == "Quý 1/2026"
    total = body["total"]
    assert total["taken"] == sum(r["taken"] for r in body["rows"]) > 0
    assert total["taken"] == total["resolved"] + total["closed"] + total["pending"]
    assert {"sector", "name", "carried", "pending_overdue"} <= set(body["rows"][0])
    leader = client_for(data.leader).get("/api/v1/statistics/report/", QUARTER).json()
    assert leader["scope"] == data.department.name and leader["total"]["taken"] < total["taken"]
    assert client_for(data.officer).get("/api/v1/statistics/report/", {"period": "decade"}).status_code == 400


def test_the_circular_01_2018_evaluation(data: Any) -> None:
    body = client_for(data.officer).get("/api/v1/statistics/evaluation/", QUARTER).json()
    assert [i["number"] for i in body["indicators"]] == list(range(1, 10))
    excluded = {i["number"] for i in body["indicators"] if i["score"] is None}
    assert {5, 6} <= excluded and 1 not in excluded
    assert body["scored_maximum"] == 2 * (9 - len(excluded))
    assert body["grade"] in {"Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"}
