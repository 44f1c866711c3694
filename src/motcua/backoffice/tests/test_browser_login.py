"""The sign-in page in a real browser: labels, lockout message, screenshot, accessibility."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.backoffice.tests.browser import sign_in
from motcua.core.testing import screenshot, serious_accessibility_violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_in_and_out(live_server: Any, browser_page: Any, officer: Any) -> None:
    page = browser_page
    page.goto(live_server.url + "/can-bo/dang-nhap/")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "backoffice-login")

    sign_in(page, live_server.url, "motcua1", "sai-mat-khau")
    assert page.get_by_role("alert").inner_text().startswith("Tên đăng nhập hoặc mật khẩu không đúng")

    sign_in(page, live_server.url, "motcua1")
    assert page.locator(".acting").inner_text().count("Sở Tư pháp") == 1
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/can-bo/dang-nhap/")
    assert "Bạn đã đăng xuất." in page.content()
