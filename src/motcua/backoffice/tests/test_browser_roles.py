"""What officials see in a real browser: the landing page of a role without inboxes, and the counter's
supplement form that names what is still missing."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.backoffice.tests.browser import sign_in
from motcua.core.testing import serious_accessibility_violations
from motcua.dossiers.tests.helpers import receive

ITEMS = ["Bản sao Giấy khai sinh", "Tờ khai có chữ ký của người yêu cầu"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_catalogue_manager_lands_on_the_catalogue_links(live_server: Any, browser_page: Any, agency: Any) -> None:
    MembershipFactory(user=UserFactory(username="quanly", is_staff=True), agency=agency, role=Role.CATALOGUE_MANAGER)
    page = browser_page
    sign_in(page, live_server.url, "quanly")
    assert page.get_by_role("heading", level=1).inner_text() == f"Cán bộ quản lý TTHC · {agency.name}"
    assert page.locator("#quick-q").count() == 0
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Danh mục thủ tục hành chính").click()
    page.wait_for_load_state()
    assert "/admin/catalogue/procedure/" in page.url and "Một Cửa" in page.title()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_partial_supplement_names_the_missing_item(live_server: Any, browser_page: Any, world: Any) -> None:
    dossier = receive(world, decision="request_supplement", supplement_items=ITEMS)
    page = browser_page
    sign_in(page, live_server.url, "motcua")
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.code}/")
    label = "Nộp lại hồ sơ đã bổ sung"
    panel = page.locator("details.action-panel", has=page.locator("summary", has_text=label))
    panel.locator("summary").click()
    panel.get_by_label(ITEMS[0]).check()
    panel.get_by_role("button", name=label).click()
    page.wait_for_load_state()
    assert f"Còn thiếu: “{ITEMS[1]}”" in page.locator("details.action-panel[open]").inner_text()
    assert serious_accessibility_violations(page) == []
