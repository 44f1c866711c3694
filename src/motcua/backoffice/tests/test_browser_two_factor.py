"""Two-factor sign-in in a real browser: a leader sets up the authenticator, signs out, signs in with a code."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.accounts.tests.test_twofactor import code_now
from motcua.backoffice.tests.browser import sign_in
from motcua.core.testing import layout_problems, screenshot, serious_accessibility_violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_set_up_then_sign_in_with_a_code(live_server: Any, browser_page: Any, agency: Any, settings: Any) -> None:
    settings.TWO_FACTOR_REQUIRED_ROLES = ["leader"]
    leader = MembershipFactory(agency=agency, role=Role.LEADER, user=UserFactory(username="giamdoc")).user
    page = browser_page
    with time_machine.travel(time.time(), tick=True) as clock:
        sign_in(page, live_server.url, "giamdoc")
        page.wait_for_url("**/can-bo/xac-thuc/thiet-lap/**")
        expect(page.get_by_role("heading", name="Thiết lập xác thực hai bước")).to_be_visible()
        expect(page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")).to_be_visible()
        device = TOTPDevice.objects.get(user=leader, confirmed=False)
        secret = page.locator("#two-factor-secret").inner_text()
        assert secret.replace(" ", "") and len(secret.replace(" ", "")) == 32
        assert serious_accessibility_violations(page) == []
        assert layout_problems(page) == []
        screenshot(page, "backoffice-two-factor-setup")
        page.set_viewport_size({"width": 390, "height": 844})  # a phone: the QR code and secret still fit
        assert layout_problems(page) == []
        page.set_viewport_size({"width": 1366, "height": 768})

        page.get_by_label("Mã 6 chữ số đang hiển thị trong ứng dụng").fill(code_now(device))
        page.get_by_role("button", name="Xác nhận và bật xác thực hai bước").click()
        page.wait_for_load_state()
        expect(page.get_by_role("heading", name="Mã khôi phục")).to_be_visible()
        assert page.locator(".recovery-codes li").count() == 10
        page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
        page.wait_for_url("**/can-bo/")
        page.get_by_role("button", name="Đăng xuất").click()
        page.wait_for_url("**/dang-nhap/")

        clock.shift(timedelta(seconds=60))  # the next code of the app
        sign_in(page, live_server.url, "giamdoc")
        page.wait_for_url("**/can-bo/xac-thuc/?next=*")
        expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
        assert serious_accessibility_violations(page) == []
        page.get_by_label("Mã xác thực").fill("000000" if code_now(device) != "000000" else "111111")
        page.get_by_role("button", name="Xác nhận").click()
        page.wait_for_load_state()
        assert page.get_by_role("alert").inner_text().startswith("Mã xác thực không đúng")

        clock.shift(timedelta(seconds=5))  # past the pause after a wrong code
        page.get_by_label("Mã xác thực").fill(code_now(device))
        page.get_by_role("button", name="Xác nhận").click()
        page.wait_for_url("**/can-bo/")
        assert page.locator(".acting").inner_text().count("Sở Tư pháp") == 1
