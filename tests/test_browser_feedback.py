"""Citizen feedback end to end in a browser: a citizen on a phone (390×844) sends an item with a photo and
gets its code; the coordinator routes it, the agency's head assigns it, the handler drafts the answer and the
leader approves it; the citizen follows it with code and phone, reads the answer and rates it. Screenshots
of the key pages go to docs/screenshots/ (REFRESH_SCREENSHOTS=1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from motcua.accounts.tests.factories import TEST_PASSWORD
from motcua.core.testing import DESKTOP, PHONE, layout_problems, screenshot, serious_accessibility_violations
from motcua.feedback.constants import Status
from motcua.feedback.models import FeedbackItem
from motcua.feedback.tests.conftest import build_province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(base + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _act(
    page: Any,
    base: str,
    code: str,
    action_label: str,
    fill: dict[str, str] | None = None,
    select: dict[str, str] | None = None,
) -> None:
    page.goto(f"{base}/can-bo/phan-anh/{code}/")
    panel = page.locator("details.action-panel", has=page.get_by_text(action_label, exact=True)).first
    panel.locator("summary").click()
    for label, value in (select or {}).items():
        panel.get_by_label(label).select_option(label=value)
    for label, value in (fill or {}).items():
        panel.get_by_label(label).fill(value)
    panel.get_by_role("button", name=action_label).click()
    page.wait_for_load_state()


def test_a_citizen_on_a_phone_sends_and_rates_and_officials_answer(
    live_server: Any, new_browser_page: Any, tmp_path: Path
) -> None:
    province = build_province()
    base = live_server.url
    photo = tmp_path / "o-ga.png"
    photo.write_bytes(PNG)

    phone = new_browser_page(viewport=PHONE)
    phone.goto(base + "/phan-anh/")
    phone.get_by_role("link", name="Gửi phản ánh").first.click()
    phone.get_by_label("Lĩnh vực").select_option(label="Quy định hành chính, thủ tục hành chính")
    phone.get_by_label("Tiêu đề").fill("Niêm yết lệ phí chứng thực chưa rõ")
    phone.get_by_label("Nội dung phản ánh, kiến nghị").fill(
        "Bảng niêm yết lệ phí tại bộ phận một cửa phường bị mờ, không đọc được."
    )
    phone.get_by_label("Ảnh, tệp đính kèm").set_input_files(str(photo))
    phone.get_by_label("Xã, phường").select_option(label="Phường Hạc Thành")
    phone.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    phone.get_by_label("Số điện thoại", exact=True).fill("0912345678")
    assert layout_problems(phone) == [], "send form"
    assert serious_accessibility_violations(phone) == [], "send form"
    screenshot(phone, "feedback-send-phone", full_page=True)
    phone.get_by_role("button", name="Gửi phản ánh").click()
    phone.wait_for_url("**/phan-anh/da-gui/")
    code = phone.locator("#tracking-code").inner_text().strip()
    item = FeedbackItem.objects.get(code=code)
    assert item.attachments.count() == 1 and item.status == Status.RECEIVED
    assert layout_problems(phone) == [], "sent page"
    screenshot(phone, "feedback-sent-phone")

    desk = new_browser_page(viewport=DESKTOP)
    _sign_in(desk, base, province.coordinator.username)
    desk.goto(base + "/can-bo/phan-anh/")
    assert code in desk.content()
    screenshot(desk, "feedback-coordinator-inbox")
    assert serious_accessibility_violations(desk) == [], "coordinator inbox"
    _act(desk, base, code, "Chuyển cơ quan xử lý", select={"Cơ quan": province.department.name})

    for user, action, fill, select in (
        (province.head, "Nhận xử lý, giao người xử lý", None, {"Người xử lý": str(province.specialist)}),
        (
            province.specialist,
            "Trình dự thảo trả lời",
            {"Nội dung trả lời": "Phường đã thay bảng niêm yết lệ phí mới, in rõ."},
            None,
        ),
        (province.leader, "Duyệt và gửi trả lời", None, None),
    ):
        official = new_browser_page(viewport=DESKTOP)
        _sign_in(official, base, user.username)
        if action.startswith("Duyệt"):
            official.goto(f"{base}/can-bo/phan-anh/{code}/")
            screenshot(official, "feedback-agency-approval")
            assert serious_accessibility_violations(official) == [], "item page"
        _act(official, base, code, action, fill=fill, select=select)
    item.refresh_from_db()
    assert item.status == Status.ANSWERED

    phone.goto(base + f"/phan-anh/theo-doi/{code}/")
    assert "Phường đã thay bảng niêm yết" in phone.locator("#answer-text").inner_text()
    phone.get_by_label("Hài lòng", exact=True).check()
    assert layout_problems(phone) == [], "answer page"
    assert serious_accessibility_violations(phone) == [], "answer page"
    screenshot(phone, "feedback-answer-phone", full_page=True)
    phone.get_by_role("button", name="Gửi đánh giá").click()
    phone.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.satisfied is True
