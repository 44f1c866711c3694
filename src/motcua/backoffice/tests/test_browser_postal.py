"""At 768 px, the one-stop officer sees a dossier's postal order and its tracking on the dossier page."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from playwright.sync_api import expect

from motcua.core.testing import TABLET, layout_problems, screenshot, serious_accessibility_violations
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import receive
from motcua.postal.tests.scenes import ITEM, collecting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_sees_the_order_and_its_tracking_at_768_px(live_server, new_browser_page):
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        dossier = receive(world)
        collecting(world, dossier)
        client = Client()
        client.force_login(world.officer)
        page = new_browser_page(viewport=TABLET)
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/#buu-chinh")
        panel = page.get_by_role("region", name="Bưu chính công ích")
        expect(panel).to_be_visible()
        expect(panel.get_by_text(ITEM)).to_be_visible()
        expect(panel.get_by_role("cell", name="Bưu cục trung tâm Thanh Hóa")).to_be_visible()
        expect(page.get_by_role("cell", name="Cập nhật hành trình bưu gửi").first).to_be_visible()  # the history
        assert layout_problems(page) == []
        assert serious_accessibility_violations(page) == []
        panel.scroll_into_view_if_needed()
        screenshot(page, "backoffice-postal-tracking-768")
