"""The project's own feedback API: send, follow and rate without an account, the officials' actions by name,
the published answers and the coordinator's figures; JSON errors, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from motcua.feedback import services
from motcua.feedback.constants import Channel, Status
from motcua.feedback.models import FeedbackItem
from motcua.feedback.tests.conftest import Province, build_province, submission
from motcua.integrations.constants import Scope
from motcua.integrations.tests.factories import make_client

pytestmark = pytest.mark.django_db
BODY = {
    "category": "giao-thong-ha-tang",
    "title": "Ổ gà trên đường Lê Lợi",
    "content": "Ổ gà sâu trước số 12 Lê Lợi, đề nghị sửa.",
    "name": "Nguyễn Văn An",
    "phone": "0912345678",
    "unit_code": "14800",
}


@pytest.fixture
def province(db: Any) -> Province:
    return build_province()


def _as(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_send_follow_and_rate_without_an_account(province: Province) -> None:
    anonymous = APIClient()
    sent = anonymous.post("/api/v1/feedback/", BODY, format="json")
    assert sent.status_code == 201 and sent.json()["status"] == "routed"
    code = sent.json()["code"]
    assert anonymous.get(f"/api/v1/public/feedback/{code}/").status_code == 400
    assert anonymous.get(f"/api/v1/public/feedback/{code}/?phone=0900000000").json()["code"] == "feedback_not_found"
    followed = anonymous.get(f"/api/v1/public/feedback/{code}/?phone=0912345678").json()
    assert followed["status"] == "routed" and followed["answer"] == "" and followed["can_rate"] is False

    head, specialist, leader = _as(province.head), _as(province.specialist), _as(province.leader)
    assert (
        head.post(f"/api/v1/feedback/items/{code}/actions/accept/", {"handler": province.specialist.pk}).status_code
        == 200
    )
    drafted = specialist.post(
        f"/api/v1/feedback/items/{code}/actions/submit_answer/", {"answer": "Đã vá ổ gà ngày 05/3."}
    )
    assert drafted.json()["status"] == Status.AWAITING_APPROVAL
    early = anonymous.post(f"/api/v1/public/feedback/{code}/rating/", {"phone": "0912345678", "satisfied": True})
    assert early.status_code == 409
    assert leader.post(f"/api/v1/feedback/items/{code}/actions/approve/", {}).json()["status"] == "answered"
    rated = anonymous.post(f"/api/v1/public/feedback/{code}/rating/", {"phone": "0912345678", "satisfied": True})
    assert rated.status_code == 200 and rated.json()["satisfied"] is True and rated.json()["status"] == "closed"


def test_bad_bodies_and_unknown_actions_are_json_errors(province: Province) -> None:
    client = APIClient()
    bad = client.post("/api/v1/feedback/", {**BODY, "latitude": "x", "category": "nope"}, format="json")
    assert bad.status_code == 400 and "latitude" in bad.json()["fields"]
    wrong = client.post("/api/v1/feedback/", {**BODY, "category": "nope"}, format="json")
    assert wrong.status_code == 400 and "category" in wrong.json()["fields"]
    item = services.submit_feedback(submission(category="khac"), channel=Channel.PORTAL)
    coordinator = _as(province.coordinator)
    assert coordinator.post(f"/api/v1/feedback/items/{item.code}/actions/dance/", {}).status_code == 404
    missing = coordinator.post(f"/api/v1/feedback/items/{item.code}/actions/route/", {})
    assert missing.status_code == 400 and "agency" in missing.json()["fields"]
    unknown = coordinator.post(f"/api/v1/feedback/items/{item.code}/actions/route/", {"agency": 999999})
    assert unknown.status_code == 400
    assert _as(province.commune_leader).get(f"/api/v1/feedback/items/{item.code}/").status_code == 404


def test_another_system_sends_with_its_key_and_the_channel_is_api(province: Province) -> None:
    _, key = make_client(province.coordinator, scopes=[Scope.REPORTS_WRITE])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert client.post("/api/v1/feedback/", BODY, format="json").status_code == 201
    assert FeedbackItem.objects.get().channel == Channel.API
    _, read_only = make_client(province.coordinator, scopes=[Scope.DOSSIERS_READ])
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {read_only}")
    assert client.post("/api/v1/feedback/", BODY, format="json").status_code == 403


def test_figures_for_the_coordinator_only(province: Province) -> None:
    services.submit_feedback(submission(), channel=Channel.PORTAL)
    query = "start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z"
    assert _as(province.head).get(f"/api/v1/feedback/figures/?{query}").status_code == 403
    rows = _as(province.coordinator).get(f"/api/v1/feedback/figures/?{query}").json()
    assert rows == [
        {
            "key": str(province.department.pk),
            "name": province.department.name,
            "received": 1,
            "answered": 0,
            "answered_on_time": 0,
            "answered_late": 0,
            "open_late": 0,
            "rated": 0,
            "satisfied": 0,
            "on_time_rate": None,
            "satisfaction_rate": None,
        }
    ]
    for bad in ("start=x", "start=2026-13-45T00:00:00Z&end=2026-01-01T00:00:00Z", "by=nope&" + query):
        assert _as(province.coordinator).get(f"/api/v1/feedback/figures/?{bad}").status_code == 400, bad
