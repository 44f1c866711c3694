"""On a phone (390x844), the applicant follows the post office's tracking on the application's page."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from playwright.sync_api import expect

from motcua.core.testing import PHONE, layout_problems, screenshot, serious_accessibility_violations
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.portal.tests.conftest import make_citizen, submitted_dossier
from motcua.postal.tests.scenes import ITEM, collecting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_applicant_sees_the_tracking_on_a_phone(live_server, new_browser_page):
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        citizen = make_citizen()
        dossier = submitted_dossier(world, citizen)
        collecting(world, dossier)
        client = Client()
        client.force_login(citizen)
        page = new_browser_page(viewport=PHONE)
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.reference}/#buu-chinh")
        panel = page.get_by_role("region", name="Bưu chính công ích")
        expect(panel).to_be_visible()
        expect(panel.get_by_text(ITEM)).to_be_visible()
        expect(panel.get_by_text("Đang phát", exact=True)).to_be_visible()  # the latest event comes first
        expect(panel.get_by_text("Bưu tá đang đến nhận")).to_be_visible()
        assert layout_problems(page) == []
        assert serious_accessibility_violations(page) == []
        panel.scroll_into_view_if_needed()
        screenshot(page, "portal-postal-tracking-phone")
