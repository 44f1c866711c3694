"""A citizen's whole path on a phone (390×844): home → find the procedure → register → fill the draft →
upload → pay and submit → the dossier page → track it by code without signing in. At every page nothing
scrolls sideways, no control overlaps another and none hides under a sticky box."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import time_machine

from motcua.core.testing import PHONE, layout_problems, screenshot
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.portal.tests.conftest import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Any, where: str) -> None:
    page.wait_for_load_state()
    assert layout_problems(page) == [], where


def test_citizen_path_on_a_phone(live_server: Any, new_browser_page: Any, tmp_path: Path) -> None:
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        page = new_browser_page(viewport=PHONE)
        base = live_server.url

        page.goto(base + "/")
        check(page, "home")
        page.get_by_label("Tìm thủ tục hành chính").fill("cap phieu ly lich tu phap")
        page.get_by_role("button", name="Tìm thủ tục").click()
        check(page, "search results")
        page.get_by_role("link", name=world.procedure.name).first.click()
        page.wait_for_url(f"**/thu-tuc/{world.procedure.code}/")
        check(page, "procedure page")

        page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
        page.wait_for_url("**/dang-nhap/**")
        check(page, "sign in")
        page.get_by_role("link", name="Đăng ký", exact=True).first.click()
        check(page, "register")
        page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
        page.get_by_label("Số điện thoại").fill("0912345678")
        page.get_by_label("Thư điện tử").fill("lan@example.vn")
        page.locator("#id_password1").fill("Khai-Sinh-2026")
        page.get_by_label("Nhập lại mật khẩu").fill("Khai-Sinh-2026")
        page.get_by_role("button", name="Đăng ký").click()
        page.get_by_text("Đăng ký thành công").wait_for()

        page.goto(f"{base}/nop-ho-so/{world.procedure.code}/")
        check(page, "e-form")
        page.get_by_label("Số định danh cá nhân (CCCD)").fill("025195000123")
        page.get_by_label("Địa chỉ").fill("Số 1 Hùng Vương, phường Việt Trì, tỉnh Phú Thọ")
        page.get_by_label("Nội dung yêu cầu giải quyết").fill("Cấp phiếu lý lịch tư pháp số 1 để xin việc")
        page.get_by_role("button", name="Tiếp tục: tải lên giấy tờ").click()
        page.get_by_text("Đã tạo hồ sơ nháp").wait_for()
        check(page, "draft uploads")
        page.locator("input[type=file]").first.set_input_files(str(scan))
        page.get_by_label("Trực tiếp tại Bộ phận Một cửa").check()
        page.get_by_role("button", name="Tiếp tục: kiểm tra hồ sơ").click()
        check(page, "review")
        page.get_by_role("button", name="Thanh toán trực tuyến 50.000 đ").click()
        page.get_by_text("Môi trường thử nghiệm").wait_for()
        check(page, "sandbox payment")
        page.get_by_role("button", name="Thanh toán thành công").click()
        page.get_by_text("Đã thanh toán 50.000 đ").wait_for()
        check(page, "review, paid")
        page.get_by_role("button", name="Nộp hồ sơ").click()
        page.get_by_text("Đã nộp hồ sơ thành công").wait_for()
        check(page, "dossier page")
        screenshot(page, "portal-dossier-phone-path")
        dossier = Dossier.objects.get()
        assert dossier.status == Status.SUBMITTED and dossier.code in page.content()

        page.goto(f"{base}/ho-so-cua-toi/")
        assert dossier.code in page.content()
        check(page, "my dossiers")

        stranger = new_browser_page(viewport=PHONE)
        stranger.goto(f"{base}/tra-cuu-ho-so/")
        check(stranger, "track form")
        stranger.get_by_label("Mã hồ sơ").fill(dossier.code)
        stranger.get_by_label("Số điện thoại hoặc số định danh cá nhân").fill("0912345678")
        stranger.get_by_role("button", name="Tra cứu").click()
        stranger.locator("#track-result").wait_for()
        assert dossier.code in stranger.content()
        check(stranger, "track result")
        screenshot(stranger, "portal-track-phone")
