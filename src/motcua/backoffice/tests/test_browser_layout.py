"""The counter path on a tablet held upright (768 px wide) and the intake page on a desktop: at every
page nothing scrolls sideways, no control overlaps another and none hides under a sticky box."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from motcua.backoffice.tests.browser import sign_in
from motcua.backoffice.tests.conftest import MONDAY_9AM, build_world
from motcua.core.testing import DESKTOP, TABLET, layout_problems, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_intake(page: Any) -> None:
    page.get_by_label("Tìm thủ tục").fill("ly lich tu phap")
    page.get_by_role("link", name=re.compile("Cấp phiếu lý lịch tư pháp")).click()
    page.wait_for_selector("#due-preview .due")
    page.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Thị Hồng Nhung")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("038190000123")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Tờ khai", exact=True).check()


def test_counter_path_at_768_px(live_server: Any, new_browser_page: Any) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        build_world()
        page = new_browser_page(viewport=TABLET)
        base = live_server.url
        page.goto(base + "/can-bo/dang-nhap/")
        assert layout_problems(page) == [], "sign in"
        sign_in(page, base, "motcua")
        assert layout_problems(page) == [], "inbox"

        page.get_by_role("link", name=re.compile("Tiếp nhận tại quầy")).click()
        page.wait_for_load_state()
        assert layout_problems(page) == [], "intake search"
        _fill_intake(page)
        assert layout_problems(page) == [], "intake form"
        screenshot(page, "backoffice-intake-tablet", full_page=True)
        page.get_by_role("button", name=re.compile("Tiếp nhận, in Mẫu 01")).click()
        page.wait_for_selector("h1 .code")
        code = page.locator("h1 .code").inner_text()
        assert page.locator(".print-now a").inner_text().startswith("In Mẫu 01")
        receipt = page.request.get(base + page.locator(".print-now a").get_attribute("href"))
        assert receipt.body()[:4] == b"%PDF"
        assert layout_problems(page) == [], "receipt on the dossier page"

        page.get_by_role("link", name=re.compile("Hồ sơ")).first.click()
        page.goto(f"{base}/can-bo/?tab=all")
        expect(page.get_by_role("link", name=code)).to_be_visible()
        assert layout_problems(page) == [], "inbox with the dossier"
        # The inbox's eight columns fit a tablet without scrolling their region sideways.
        assert page.locator("#inbox-table .table-scroll").evaluate("e => e.scrollWidth <= e.clientWidth")
        screenshot(page, "backoffice-inbox-tablet")
        page.get_by_role("link", name=code).click()
        page.wait_for_selector("h1 .code")
        assert layout_problems(page) == [], "dossier page"

        page.get_by_role("link", name=re.compile("Sổ theo dõi")).click()
        page.wait_for_load_state()
        assert code in page.content()
        assert layout_problems(page) == [], "Form 07 ledger"
        screenshot(page, "backoffice-ledger-tablet")


def test_intake_decision_fields_stay_uncovered_on_a_desktop(live_server: Any, new_browser_page: Any) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        build_world()
        page = new_browser_page(viewport=DESKTOP)
        sign_in(page, live_server.url, "motcua")
        page.goto(live_server.url + "/can-bo/tiep-nhan/")
        page.wait_for_load_state()
        _fill_intake(page)
        # Scrolled down to the supplement request: the due-date box must not sit on top of it.
        supplement = page.get_by_role("button", name=re.compile("Yêu cầu bổ sung, in Mẫu 02"))
        supplement.scroll_into_view_if_needed()
        page.mouse.wheel(0, 2000)
        assert layout_problems(page) == []
