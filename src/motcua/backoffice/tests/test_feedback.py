"""Feedback in the back office: the coordinator routes, the agency's head assigns, the handler drafts, the
leader approves; each sees only the buttons the workflow table gives them; personal data stay inside."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.feedback import services
from motcua.feedback.constants import Channel, Status
from motcua.feedback.models import FeedbackItem
from motcua.feedback.tests.conftest import Province, build_province, submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(db: Any) -> Province:
    return build_province()


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _actions(client: Client, code: str) -> set[str]:
    return set(re.findall(r"thao-tac/([a-z_]+)/", client.get(f"/can-bo/phan-anh/{code}/").content.decode()))


def test_route_accept_draft_and_approve_through_the_pages(province: Province) -> None:
    item = services.submit_feedback(submission(category="quy-dinh-hanh-chinh"), channel=Channel.PORTAL)
    coordinator = _as(province.coordinator)
    inbox = coordinator.get("/can-bo/phan-anh/").content.decode()
    assert item.code in inbox
    assert {"route", "reject", "merge", "classify"} <= _actions(coordinator, item.code)
    routed = coordinator.post(f"/can-bo/phan-anh/{item.code}/thao-tac/route/", {"route-agency": province.department.pk})
    assert routed.status_code == 302

    head = _as(province.head)
    assert item.code in head.get("/can-bo/phan-anh/?hop=can-nhan").content.decode()
    assert _actions(head, item.code) >= {"accept", "send_back"}
    head.post(f"/can-bo/phan-anh/{item.code}/thao-tac/accept/", {"accept-handler": province.specialist.pk})

    specialist = _as(province.specialist)
    assert _actions(specialist, item.code) == {"consult", "submit_answer"}
    short = specialist.post(f"/can-bo/phan-anh/{item.code}/thao-tac/submit_answer/", {"submit_answer-answer": "ngắn"})
    assert short.status_code == 400 and "ít nhất 10 ký tự" in short.content.decode()
    specialist.post(
        f"/can-bo/phan-anh/{item.code}/thao-tac/submit_answer/",
        {"submit_answer-answer": "Quy định về lệ phí được niêm yết tại trụ sở UBND."},
    )
    leader = _as(province.leader)
    page = leader.get(f"/can-bo/phan-anh/{item.code}/").content.decode()
    assert "Quy định về lệ phí" in page  # the draft is prefilled in the approval form
    leader.post(
        f"/can-bo/phan-anh/{item.code}/thao-tac/approve/",
        {"approve-answer": "Quy định về lệ phí được niêm yết tại trụ sở UBND phường."},
    )
    item.refresh_from_db()
    assert item.status == Status.ANSWERED and item.answer.endswith("UBND phường.")
    assert "publish" in _actions(coordinator, item.code)


def test_officials_of_other_agencies_see_nothing_and_strangers_get_no_page(province: Province) -> None:
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)  # routed to the department
    assert _as(province.commune_leader).get(f"/can-bo/phan-anh/{item.code}/").status_code == 404
    refused = _as(province.commune_leader).post(f"/can-bo/phan-anh/{item.code}/thao-tac/accept/", {})
    assert refused.status_code == 404
    assert _as(province.stranger).get("/can-bo/phan-anh/").status_code == 403
    assert "0912345678" in _as(province.head).get(f"/can-bo/phan-anh/{item.code}/").content.decode()


def test_an_officer_records_a_hotline_call(province: Province) -> None:
    coordinator = _as(province.coordinator)
    response = coordinator.post(
        "/can-bo/phan-anh/ghi-nhan/",
        {
            "channel": "hotline",
            "category": "chieu-sang",
            "title": "Đèn đường tắt cả tuần",
            "content": "Dãy đèn đường Trần Phú tắt từ thứ Hai, rất tối.",
            "anonymous": "on",
        },
    )
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert item.channel == Channel.HOTLINE and item.is_anonymous
