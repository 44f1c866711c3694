"""The public statistics page on a phone (390×844): readable, nothing scrolls sideways, no personal data."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from motcua.core.testing import PHONE, layout_problems, screenshot, serious_accessibility_violations
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import receive
from motcua.operations.tests.conftest import varied_copies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_statistics_on_a_phone(live_server: Any, new_browser_page: Any) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        template = receive(world)
        varied_copies(template, 300, agencies=[world.department, world.commune])
        page = new_browser_page(viewport=PHONE)
        page.goto(live_server.url + "/")
        page.get_by_role("link", name="Thống kê").click()
        page.get_by_label("Kỳ", exact=True).select_option("quarter")
        page.get_by_label("Quý", exact=True).select_option("1")
        page.get_by_label("Năm", exact=True).select_option("2026")
        page.get_by_role("button", name="Xem").click()
        page.wait_for_load_state()
        assert "Quý 1/2026" in page.content()
        assert layout_problems(page) == []
        assert serious_accessibility_violations(page) == []
        text = page.locator("main").inner_text()
        assert template.applicant_name not in text and "OPS-" not in text
        screenshot(page, "statistics-phone", full_page=True)
