"""An item from the portal to the citizen's rating, and the rules each step enforces."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail

from motcua.core.exceptions import Conflict, DomainError, NotFound, PermissionDenied
from motcua.feedback import selectors, services
from motcua.feedback.constants import Channel, Status
from motcua.feedback.models import FeedbackEvent
from motcua.feedback.services import alerts, dispatch
from motcua.feedback.tests.conftest import MONDAY_9AM, Province, submission
from motcua.workdays.constants import VIETNAM_TZ

pytestmark = pytest.mark.django_db


def test_a_road_item_is_routed_by_its_category_answered_approved_and_rated(
    province: Province, frozen: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        item = services.submit_feedback(submission(), channel=Channel.PORTAL)
    assert item.code.startswith("PA-260302-")
    assert item.status == Status.ROUTED and item.handling_agency == province.department
    # 5 working days of office time from Monday 09:00: Monday 09:00 of the next week.
    assert item.due_at == datetime(2026, 3, 9, 9, 0, tzinfo=VIETNAM_TZ)
    assert mail.outbox[-1].to == ["an@example.vn"] and item.code in mail.outbox[-1].subject

    services.accept(item, actor=province.head, handler=province.specialist)
    services.submit_answer(item, actor=province.specialist, answer="Sở đã giao đơn vị duy tu vá ổ gà trong tuần.")
    with pytest.raises(PermissionDenied):
        services.approve(item, actor=province.specialist)
    item = services.approve(item, actor=province.leader)
    assert item.status == Status.ANSWERED and item.answer.startswith("Sở đã giao")

    with pytest.raises(NotFound):
        services.rate(item, satisfied=True, phone="0900000000")
    item = services.rate(item, satisfied=True, phone="+84 912 345 678")
    assert item.status == Status.CLOSED and item.satisfied is True
    actions = list(FeedbackEvent.objects.filter(item=item).values_list("action", flat=True))
    assert actions == ["receive", "route", "accept", "submit_answer", "approve", "rate"]


def test_an_item_without_a_rule_waits_for_the_coordinator_who_routes_it(province: Province, frozen: Any) -> None:
    item = services.submit_feedback(submission(category="quy-dinh-hanh-chinh"), channel=Channel.PORTAL)
    assert item.status == Status.RECEIVED and item.handling_agency is None
    with pytest.raises(PermissionDenied):
        services.route(item, actor=province.head, agency=province.department)
    item = services.route(item, actor=province.coordinator, agency=province.department)
    assert item.status == Status.ROUTED
    # The coordinator overrides before the agency accepted it.
    item = services.route(item, actor=province.coordinator, agency=province.commune_agency)
    assert item.handling_agency == province.commune_agency


def test_the_most_local_rule_routes_security_items_of_the_ward(province: Province, frozen: Any) -> None:
    item = services.submit_feedback(submission(category="an-ninh-trat-tu"), channel=Channel.PORTAL)
    assert item.handling_agency == province.commune_agency
    elsewhere = services.submit_feedback(submission(category="an-ninh-trat-tu", unit_code=""), channel=Channel.PORTAL)
    assert elsewhere.status == Status.RECEIVED


def test_the_agency_sends_back_with_a_reason_and_the_coordinator_reroutes(province: Province, frozen: Any) -> None:
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)
    with pytest.raises(DomainError):
        services.send_back(item, actor=province.head, reason=" ")
    item = services.send_back(item, actor=province.head, reason="Đường do phường quản lý.")
    assert item.status == Status.SENT_BACK
    item = services.route(item, actor=province.coordinator, agency=province.commune_agency)
    assert item.status == Status.ROUTED and item.reason == ""


def test_rejecting_and_merging_need_the_coordinator_and_a_merged_citizen_follows_the_survivor(
    province: Province, frozen: Any
) -> None:
    first = services.submit_feedback(submission(category="khac"), channel=Channel.PORTAL)
    second = services.submit_feedback(submission(category="khac", phone="0987654321", email=""), channel=Channel.PORTAL)
    spam = services.submit_feedback(submission(category="khac"), channel=Channel.PORTAL)
    with pytest.raises(DomainError):
        services.reject(spam, actor=province.coordinator, reason="")
    services.reject(spam, actor=province.coordinator, reason="Nội dung quảng cáo.")
    services.merge(second, actor=province.coordinator, into=first)
    tracked = selectors.track(second.code, "0987654321")
    assert tracked.followed_code == first.code
    services.route(first, actor=province.coordinator, agency=province.department)
    services.accept(first, actor=province.head, handler=province.specialist)
    services.submit_answer(first, actor=province.specialist, answer="Trả lời chung cho hai phản ánh trùng nhau.")
    services.approve(first, actor=province.leader)
    # The second citizen rates the surviving item with their own phone.
    rated = services.rate(first, satisfied=False, comment="Chưa rõ", phone="0987654321")
    assert rated.satisfied is False


def test_illegal_transitions_are_conflicts(province: Province, frozen: Any) -> None:
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)
    with pytest.raises(Conflict):
        services.approve(item, actor=province.leader)
    with pytest.raises(Conflict):
        services.rate(item, satisfied=True, phone="0912345678")


def test_reopen_once_within_the_period_with_a_fresh_deadline(province: Province, frozen: Any, settings: Any) -> None:
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)
    services.accept(item, actor=province.head, handler=province.specialist)
    services.submit_answer(item, actor=province.specialist, answer="Đã vá xong ổ gà trước số 12.")
    services.approve(item, actor=province.head)
    services.rate(item, satisfied=False, phone="0912345678")
    frozen.shift(timedelta(days=2))
    item = services.reopen(item, reason="Ổ gà vẫn còn.", phone="0912345678")
    assert item.status == Status.IN_PROGRESS and item.reopened_count == 1
    assert item.due_at > MONDAY_9AM + timedelta(days=7)
    services.submit_answer(item, actor=province.specialist, answer="Đã vá lại, kèm ảnh nghiệm thu.")
    services.approve(item, actor=province.head)
    with pytest.raises(DomainError, match="một lần"):
        services.reopen(item, reason="Vẫn còn.", phone="0912345678")
    frozen.shift(timedelta(days=settings.FEEDBACK_RESPONSE_DAYS + 1))
    with pytest.raises(DomainError, match="Đã quá"):
        services.rate(item, satisfied=True, phone="0912345678")


def test_an_extension_moves_the_deadline_on_the_working_clock(province: Province, frozen: Any) -> None:
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)
    item = services.extend(item, actor=province.leader, days=2, reason="Chờ ý kiến Sở Giao thông.")
    assert item.due_at == datetime(2026, 3, 11, 9, 0, tzinfo=VIETNAM_TZ)
    with pytest.raises(DomainError):
        services.extend(item, actor=province.leader, days=0, reason="x")


def test_publication_refuses_personal_data_and_staff_conduct(province: Province, frozen: Any) -> None:
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)
    services.accept(item, actor=province.head, handler=province.specialist)
    services.submit_answer(item, actor=province.specialist, answer="Đã vá xong ổ gà trước số 12.")
    services.approve(item, actor=province.head)
    with pytest.raises(DomainError, match="số điện thoại"):
        services.publish(
            item, actor=province.coordinator, question="Gọi 0912 345 678 về ổ gà", answer="Đã vá xong ổ gà."
        )
    with pytest.raises(DomainError, match="họ tên"):
        services.publish(item, actor=province.coordinator, question="Ông Nguyễn Văn An báo ổ gà", answer="Đã vá xong.")
    services.publish(item, actor=province.coordinator, question="Ổ gà trên đường Lê Lợi", answer="Đã vá xong ổ gà.")
    assert [i.code for i in selectors.public_answers("o ga")] == [item.code]


def test_staff_conduct_is_read_only_by_leaders_and_the_coordinator(province: Province, frozen: Any) -> None:
    item = services.submit_feedback(submission(category="thai-do-can-bo", anonymous=True), channel=Channel.PORTAL)
    assert item.citizen_phone == "" and item.is_anonymous
    services.route(item, actor=province.coordinator, agency=province.department)
    assert selectors.inbox(province.leader, "can-nhan", coordinator=False).count() == 1
    assert selectors.inbox(province.head, "can-nhan", coordinator=False).count() == 0
    assert selectors.inbox(province.specialist, "can-nhan", coordinator=False).count() == 0
    with pytest.raises(DomainError):
        services.accept(item, actor=province.leader, handler=province.specialist)
    services.accept(item, actor=province.leader, handler=province.leader)


def test_counter_and_hotline_are_for_officials_and_anonymity_for_categories_allowing_it(
    province: Province, frozen: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.submit_feedback(submission(), channel=Channel.HOTLINE, actor=province.stranger)
    item = services.submit_feedback(submission(), channel=Channel.COUNTER, actor=province.coordinator)
    assert FeedbackEvent.objects.get(item=item, action="receive").actor == province.coordinator
    with pytest.raises(DomainError) as refused:
        services.submit_feedback(submission(category="khac", anonymous=True), channel=Channel.PORTAL)
    assert "anonymous" in refused.value.fields


def test_bad_input_is_refused_field_by_field(province: Province, frozen: Any) -> None:
    with pytest.raises(DomainError) as refused:
        services.submit_feedback(
            submission(
                category="nope",
                title="a",
                content="b",
                name="",
                phone="12",
                email="",
                unit_code="00000",
                latitude=__import__("decimal").Decimal("91"),
                longitude=None,
                dossier_code="X-1",
            ),
            channel=Channel.PORTAL,
        )
    assert set(refused.value.fields) >= {
        "category",
        "title",
        "content",
        "name",
        "phone",
        "unit",
        "latitude",
        "dossier_code",
    }


def test_answered_items_left_unrated_are_closed_after_the_response_period(
    province: Province, frozen: Any, settings: Any
) -> None:
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)
    services.accept(item, actor=province.head, handler=province.specialist)
    services.submit_answer(item, actor=province.specialist, answer="Đã vá xong ổ gà trước số 12.")
    services.approve(item, actor=province.head)
    assert alerts.scan(MONDAY_9AM + timedelta(days=settings.FEEDBACK_RESPONSE_DAYS - 1)).closed == 0
    assert alerts.scan(MONDAY_9AM + timedelta(days=settings.FEEDBACK_RESPONSE_DAYS + 1)).closed == 1
    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.satisfied is None
    with pytest.raises(NotFound):  # nobody fires the system's action by hand
        dispatch.perform("close", item, actor=province.coordinator, data={})
