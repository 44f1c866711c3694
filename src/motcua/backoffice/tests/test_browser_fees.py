"""An officer corrects a wrong fee from the dossier page, in the browser."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from motcua.backoffice.tests.browser import sign_in
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_adjusts_a_wrong_fee_from_the_dossier_page(live_server, new_browser_page):
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        dossier = receive(world, fees_paid=True)
        page = new_browser_page()
        sign_in(page, live_server.url, world.officer.username)
        page.goto(live_server.url + reverse("backoffice:dossier", kwargs={"code": dossier.code}))
        page.get_by_text("Điều chỉnh phí, lệ phí phải nộp", exact=True).first.click()
        panel = page.locator("#fee-dieu-chinh")
        panel.get_by_label("Số tiền phải nộp mới (đồng)").fill("20000")
        panel.get_by_role("button", name="Điều chỉnh phí, lệ phí phải nộp").click()
        assert "Trường này là bắt buộc." in page.locator("#fee-dieu-chinh").inner_text()  # the reason
        panel = page.locator("#fee-dieu-chinh")
        panel.get_by_label("Lý do điều chỉnh").fill("Thu nhầm mức lệ phí")
        panel.get_by_role("button", name="Điều chỉnh phí, lệ phí phải nộp").click()
        page.get_by_text("Đã thực hiện: Điều chỉnh phí, lệ phí phải nộp.").wait_for()
        assert "phải nộp 20.000" in page.content()
        expect(page.get_by_text("Thu nhầm mức lệ phí").first).to_be_visible()
