"""Official documents in a browser. An incoming document: the clerk registers a scan, the director directs
it, the division's specialist completes it (768 px). An outgoing one: drafted, reviewed, approved, signed,
numbered and issued, then found and registered by the other agency's clerk (desktop). Layout checks on
every page, accessibility on the key ones, screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from motcua.backoffice.tests.browser import sign_in
from motcua.core.testing import DESKTOP, PHONE, TABLET, layout_problems, screenshot, serious_accessibility_violations
from motcua.records.tests.conftest import MONDAY_9AM, build_pair, sample_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page_as(new_browser_page: Any, base: str, username: str, viewport: dict[str, int]) -> Any:
    page = new_browser_page(viewport=viewport)
    sign_in(page, base, username)
    return page


def _checked(page: Any, name: str = "") -> None:
    page.wait_for_load_state()
    assert layout_problems(page) == [], page.url
    if name:
        screenshot(page, name, full_page=True)


def _act(page: Any, action: str, label: str) -> None:
    page.locator(f"#action-{action} summary").click()
    panel = page.locator(f"#action-{action}")
    return panel


def test_incoming_from_registration_to_completion(live_server: Any, new_browser_page: Any, tmp_path: Path) -> None:
    scan = tmp_path / "cong-van-45.pdf"
    scan.write_bytes(sample_pdf("Công văn 45/UBND-NC"))
    with time_machine.travel(MONDAY_9AM, tick=True):
        pair = build_pair()
        office = pair.justice
        base = live_server.url
        clerk = _page_as(new_browser_page, base, office.clerk.username, TABLET)
        expect(clerk.locator("h1")).to_have_text("Sổ văn bản đến")
        clerk.get_by_role("link", name="Tiếp nhận văn bản đến").click()
        _checked(clerk, "documents-receive-tablet")
        clerk.locator("[name=sender]").fill("Ủy ban nhân dân tỉnh Phú Thọ")
        clerk.locator("[name=number_notation]").fill("45/UBND-NC")
        clerk.locator("[name=document_date]").fill("2026-02-27")
        clerk.locator("[name=document_type]").select_option("Công văn")
        clerk.locator("[name=summary]").fill("V/v rà soát, đơn giản hóa thủ tục hành chính năm 2026")
        clerk.locator("[name=pages]").fill("2")
        clerk.locator("[name=main_file]").set_input_files(str(scan))
        clerk.get_by_role("button", name="Vào sổ văn bản đến").click()
        _checked(clerk)
        expect(clerk.locator("#document-status")).to_have_text("Chờ bút phê")
        url = clerk.url

        leader = _page_as(new_browser_page, base, office.leader.username, TABLET)
        leader.goto(url)
        panel = _act(leader, "direct", "Bút phê")
        panel.locator("[name=lead_unit]").select_option(label=office.division.name)
        panel.locator("[name=due_days]").fill("3")
        panel.locator("[name=note]").fill("Giao Phòng chủ trì, báo cáo trước hạn.")
        panel.get_by_role("button", name="Bút phê, giao xử lý").click()
        _checked(leader)
        expect(leader.locator("#document-direction")).to_contain_text(office.division.name)

        specialist = _page_as(new_browser_page, base, office.specialist.username, TABLET)
        specialist.goto(url)
        panel = _act(specialist, "progress", "")
        panel.locator("[name=note]").fill("Đã tổng hợp ý kiến các phòng.")
        panel.get_by_role("button", name="Cập nhật tiến độ xử lý").click()
        _checked(specialist)
        panel = _act(specialist, "complete", "")
        panel.locator("[name=result]").fill("Đã gửi báo cáo số 12/BC-STP.")
        panel.get_by_role("button", name="Hoàn thành xử lý").click()
        _checked(specialist, "documents-incoming-completed-tablet")
        expect(specialist.locator("#document-status")).to_have_text("Đã hoàn thành")
        expect(specialist.locator("#document-history li")).to_have_count(4)
        assert serious_accessibility_violations(specialist) == []

        specialist.goto(base + "/can-bo/van-ban/den/")
        specialist.get_by_role("link", name=re.compile("Hạn xử lý, quá hạn")).click()
        _checked(specialist)
        clerk.goto(base + "/can-bo/van-ban/den/")
        _checked(clerk, "documents-incoming-register-tablet")
        expect(clerk.locator("#incoming-table")).to_contain_text("45/UBND-NC")

        phone = _page_as(new_browser_page, base, office.clerk.username, PHONE)
        _checked(phone, "documents-incoming-register-phone")
        phone.goto(url)
        _checked(phone)


def test_outgoing_from_draft_to_receipt_by_another_agency(
    live_server: Any, new_browser_page: Any, tmp_path: Path, give_key: Any
) -> None:
    text = tmp_path / "cong-van.pdf"
    text.write_bytes(sample_pdf("Công văn xin ý kiến"))
    with time_machine.travel(MONDAY_9AM, tick=True):
        pair = build_pair()
        office, other = pair.justice, pair.building
        give_key(agency=office.agency)
        give_key(user=office.leader)
        base = live_server.url
        drafter = _page_as(new_browser_page, base, office.specialist.username, DESKTOP)
        drafter.goto(base + "/can-bo/van-ban/di/")
        drafter.get_by_role("link", name="Soạn thảo văn bản đi").click()
        _checked(drafter, "documents-draft-desktop")
        drafter.locator("[name=document_type]").select_option("Công văn")
        drafter.locator("[name=notation]").fill("STP-HCTP")
        drafter.locator("[name=summary]").fill("V/v xin ý kiến về hồ sơ cấp giấy phép xây dựng")
        drafter.locator("[name=main_file]").set_input_files(str(text))
        drafter.locator("[name=internal_recipients]").select_option(label=other.agency.name)
        drafter.get_by_role("button", name="Tạo dự thảo").click()
        _checked(drafter)
        url = drafter.url
        _act(drafter, "submit", "").get_by_role("button", name="Trình thẩm định dự thảo").click()
        _checked(drafter)
        expect(drafter.locator("#document-status")).to_have_text("Chờ thẩm định")

        head = _page_as(new_browser_page, base, office.head.username, DESKTOP)
        head.goto(url)
        panel = _act(head, "review", "")
        panel.locator("[name=approver]").select_option(label=str(office.leader))
        panel.get_by_role("button", name="Thẩm định, trình ký").click()
        _checked(head)

        leader = _page_as(new_browser_page, base, office.leader.username, DESKTOP)
        leader.goto(url)
        panel = _act(leader, "approve", "")
        panel.locator("[name=signer_title]").fill("GIÁM ĐỐC")
        panel.get_by_role("button", name="Duyệt văn bản").click()
        _checked(leader)
        _act(leader, "sign", "").get_by_role("button", name="Ký số văn bản").click()
        _checked(leader)
        expect(leader.locator("#document-status")).to_have_text("Đã ký, chờ cấp số")

        clerk = _page_as(new_browser_page, base, office.clerk.username, DESKTOP)
        clerk.goto(url)
        _act(clerk, "number", "").get_by_role("button", name="Cấp số, ký hiệu").click()
        _checked(clerk)
        expect(clerk.locator("#document-number")).to_contain_text("01/STP-HCTP")
        panel = _act(clerk, "issue", "")
        panel.locator("[name=confirm]").check()
        panel.get_by_role("button", name="Ký số của cơ quan và phát hành").click()
        _checked(clerk, "documents-outgoing-issued-desktop")
        expect(clerk.locator("#document-status")).to_have_text("Đã phát hành")
        assert serious_accessibility_violations(clerk) == []

        receiver = _page_as(new_browser_page, base, other.clerk.username, TABLET)
        expect(receiver.locator("#arrived-table")).to_contain_text("01/STP-HCTP")
        _checked(receiver, "documents-arrived-queue-tablet")
        receiver.locator("#arrived-table").get_by_role("link", name="01/STP-HCTP").click()
        _act(receiver, "register", "").get_by_role("button", name="Vào sổ văn bản đến").click()
        _checked(receiver)
        expect(receiver.locator("#document-status")).to_have_text("Chờ bút phê")

        clerk.reload()
        expect(clerk.locator("#delivery-table")).to_contain_text("Đã tiếp nhận")
