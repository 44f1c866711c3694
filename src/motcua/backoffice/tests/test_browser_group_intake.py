"""A one-stop officer receives a procedure group at the counter, on a tablet and on a desktop."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from motcua.backoffice.tests.browser import sign_in
from motcua.backoffice.tests.conftest import MONDAY_9AM, build_world
from motcua.core.testing import DESKTOP, TABLET, layout_problems, screenshot, serious_accessibility_violations
from motcua.dossiers.models import DossierGroup
from motcua.dossiers.tests.test_groups import group_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [TABLET, DESKTOP], ids=["768px", "desktop"])
def test_the_officer_receives_the_whole_group(live_server: Any, new_browser_page: Any, viewport: Any) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        _, insurance = group_of(world)
        page = new_browser_page(viewport=viewport)
        sign_in(page, live_server.url, world.officer.username)
        page.goto(f"{live_server.url}/can-bo/tiep-nhan/?procedure={world.procedure.code}")
        page.get_by_role("link", name="tiếp nhận cả nhóm một lần").click()
        expect(page.get_by_role("heading", name="Tiếp nhận hồ sơ liên thông")).to_be_visible()
        expect(page.get_by_text(insurance.name)).to_be_visible()
        assert layout_problems(page) == []
        assert serious_accessibility_violations(page) == []
        page.get_by_label("Họ và tên").first.fill("Phạm Thị Thu")
        page.get_by_label("Số định danh").first.fill("025190004567")
        page.get_by_label("Số điện thoại").first.fill("0915000111")
        boxes = page.locator("input[type=checkbox][name$='-received']")
        for index in range(boxes.count()):
            boxes.nth(index).check()
        if viewport == DESKTOP:
            screenshot(page, "backoffice-group-intake", full_page=True)
        page.get_by_role("button", name="Tiếp nhận cả nhóm").click()
        filing = DossierGroup.objects.get()
        expect(page.get_by_text(f"Đã tiếp nhận hồ sơ liên thông {filing.code}")).to_be_visible()
        expect(page.get_by_text("cùng nộp với")).to_be_visible()
        assert layout_problems(page) == []
