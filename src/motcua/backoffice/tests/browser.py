"""Helpers of the back-office browser tests: sign in (the accessibility check is motcua.core.testing)."""

from __future__ import annotations

from typing import Any

from motcua.accounts.tests.factories import TEST_PASSWORD


def sign_in(page: Any, base_url: str, username: str, password: str = TEST_PASSWORD) -> None:
    page.goto(base_url + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
