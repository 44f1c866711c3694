"""One end-to-end path in a real browser: a ward administrator logs in and sees only their subtree."""

from __future__ import annotations

import io

import pytest

from motcua.accounts import demo as people
from motcua.core.testing import screenshot
from motcua.organisations import demo as org


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("motcua.organisations.tests.admin_urls")
def test_ward_administrator_sees_only_the_ward(live_server, browser_page):
    org.load(io.StringIO())
    people.load(io.StringIO())
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", people.QUANTRI_VIET_TRI)
    page.fill("#id_password", people.DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/organisations/agency/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2
    text = page.locator("#result_list").inner_text()
    assert "Ủy ban nhân dân phường Việt Trì" in text
    assert "Trung tâm Phục vụ hành chính công phường Việt Trì" in text
    assert "Sở Tư pháp" not in text
    screenshot(page, "admin-agencies-ward-administrator")

    page.goto(live_server.url + "/admin/organisations/administrativeunit/?q=vinh+yen")
    assert "Phường Vĩnh Yên" in page.locator("#result_list").inner_text()
