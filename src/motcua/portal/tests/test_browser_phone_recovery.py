"""On a phone, a citizen whose account has only a phone number recovers the password by an SMS code."""

from __future__ import annotations

import re

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.core.testing import PHONE, serious_accessibility_violations
from motcua.notifications.sms import MemoryBackend

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = "0912345678"


def test_phone_only_citizen_recovers_the_password_by_sms_code(live_server, new_browser_page):
    MemoryBackend.outbox.clear()
    UserFactory(username=NUMBER, phone=NUMBER, email="", full_name="Nguyễn Thị Lan")
    page = new_browser_page(viewport=PHONE)
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_role("link", name="Lấy lại bằng số điện thoại").click()

    page.get_by_label("Số điện thoại của tài khoản").fill("+84 912 345 678")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Gửi mã xác nhận").click()
    page.get_by_text("đã gửi mã xác nhận gồm 6 chữ số").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert serious_accessibility_violations(page) == []

    code = re.search(r"\b(\d{6})\b", MemoryBackend.outbox[-1].text).group(1)  # type: ignore[union-attr]
    assert MemoryBackend.outbox[-1].phone == NUMBER
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    page.get_by_label("Mã xác nhận").fill(wrong)
    page.locator("#id_password1").fill("HoaSen#2026moi")
    page.get_by_label("Nhập lại mật khẩu mới").fill("HoaSen#2026moi")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    page.get_by_text("Mã xác nhận không đúng hoặc đã hết hạn").first.wait_for()

    page.get_by_label("Mã xác nhận").fill(code)
    page.locator("#id_password1").fill("HoaSen#2026moi")
    page.get_by_label("Nhập lại mật khẩu mới").fill("HoaSen#2026moi")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    page.get_by_text("Đã đặt mật khẩu mới").wait_for()

    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(NUMBER)
    page.locator("#id_password").fill("HoaSen#2026moi")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/ho-so-cua-toi/")
