"""A province leader walks the operations centre in a browser: the province → an agency → its late
procedure → the step where its dossiers got late → the dossiers behind the number. Desktop and phone,
axe-core, screenshots."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from motcua.accounts.models import Role
from motcua.backoffice.tests.browser import sign_in
from motcua.core.testing import PHONE, layout_problems, screenshot, serious_accessibility_violations
from motcua.dossiers.models import DossierStep
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world, official
from motcua.dossiers.tests.helpers import receive, to_resolved
from motcua.operations.tests.conftest import varied_copies
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_drills_from_the_province_to_the_late_dossiers(live_server: Any, new_browser_page: Any) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        varied_copies(receive(world), 400, agencies=[world.department, world.commune])
        late_at_step_two = [to_resolved(world) for _ in range(2)]
        DossierStep.objects.filter(dossier__in=late_at_step_two, order=2).update(timing="late")
        committee = AgencyFactory(name="UBND tỉnh Phú Thọ", kind="peoples_committee", level="province")
        official(committee, Role.LEADER, "chutichtinh")
        page = new_browser_page()
        base = live_server.url
        sign_in(page, base, "chutichtinh")
        page.get_by_role("link", name=re.compile("Điều hành")).click()
        page.get_by_label("Kỳ", exact=True).select_option("quarter")
        page.get_by_label("Năm", exact=True).fill("2026")
        page.get_by_label("Quý", exact=True).fill("1")
        page.get_by_role("button", name="Xem").click()
        page.wait_for_load_state()
        assert "Toàn tỉnh · Quý 1/2026" in page.locator("h1").inner_text()
        page.wait_for_function("document.querySelector('#chart-months').width > 0")  # the chart drew
        assert serious_accessibility_violations(page) == []
        screenshot(page, "operations-desktop", full_page=True)

        # The province → the department (its procedures) → the late dossiers of the procedure.
        page.locator("#h-rows").locator("..").get_by_role("link", name=world.department.name).click()
        page.wait_for_load_state()
        assert world.department.name in page.locator("h1").inner_text()
        row = page.locator("#h-rows").locator("..").locator("tbody tr").first
        late = row.locator("td").nth(4).get_by_role("link")
        expected = late.inner_text()
        late.click()
        page.wait_for_load_state()
        assert "Giải quyết quá hạn" in page.locator("h1").inner_text()
        assert f"{expected} hồ sơ" in page.locator(".pager").inner_text()
        assert serious_accessibility_violations(page) == []
        screenshot(page, "operations-drilldown")

        # … or the late procedure → the step where its dossiers got late → the dossiers late there.
        page.go_back()
        page.locator("#h-rows").locator("..").get_by_role("link", name=world.procedure.name).first.click()
        page.wait_for_load_state()
        steps = page.locator("#h-steps").locator("..")
        expect(steps.get_by_text("2. ").first).to_be_visible()
        expect(page.get_by_role("heading", name="Thời gian từng bước so với thời gian được giao")).to_be_visible()
        screenshot(page, "operations-bottlenecks", full_page=True)
        steps.get_by_role("link", name=re.compile("lượt trễ tại bước 2")).click()
        page.wait_for_load_state()
        assert "Trễ hạn tại bước 2" in page.locator("h1").inner_text()
        listed = {code.inner_text().strip() for code in page.locator("tbody a.code").all()}
        assert {d.code for d in late_at_step_two} <= listed
        assert serious_accessibility_violations(page) == []

        # The 766 index of the department, with the dossiers that lose points.
        page.go_back()
        page.get_by_role("link", name="Chỉ số phục vụ (QĐ 766)").click()
        page.wait_for_load_state()
        assert page.get_by_text("Hệ thống quốc gia nắm giữ").first.is_visible()
        screenshot(page, "operations-766", full_page=True)

        # The Circular 01/2018 evaluation of the department: nine indicators, the excluded ones said so.
        page.go_back()
        page.get_by_role("link", name="Đánh giá theo Thông tư 01/2018").click()
        page.wait_for_load_state()
        expect(page.get_by_role("cell", name="Không tính").first).to_be_visible()
        assert page.locator("tbody tr").count() == 9
        assert serious_accessibility_violations(page) == []
        screenshot(page, "operations-evaluation", full_page=True)

        phone = new_browser_page(viewport=PHONE)
        phone.context.add_cookies(page.context.cookies())
        phone.goto(base + "/can-bo/dieu-hanh/?period=quarter&year=2026&quarter=1")
        phone.wait_for_load_state()
        assert layout_problems(phone) == []
        screenshot(phone, "operations-phone")
