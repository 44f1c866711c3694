"""A citizen's whole online path in Debian's chromium: register, find the procedure without diacritics,
fill the e-form, upload (wrong type and oversized first), pay in the sandbox, submit; the officer accepts
(engine service), the citizen sees the status and due moment; the result is returned; the citizen rates."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from motcua.core.testing import DESKTOP, PHONE, screenshot, serious_accessibility_violations
from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.portal.tests.browser import phone_page_like
from motcua.portal.tests.conftest import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "wrong": tmp_path / "don-xin.docx",
        "big": tmp_path / "ban-quet-lon.pdf",
        "good": tmp_path / "to-khai.pdf",
    }
    files["wrong"].write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    files["big"].write_bytes(PDF + b"0" * 1_300_000)
    files["good"].write_bytes(PDF)
    return files


def _check_accessibility(page, where: str) -> None:
    assert serious_accessibility_violations(page) == [], where


def test_citizen_submits_online_and_rates(live_server, new_browser_page, settings, tmp_path):
    settings.FILE_UPLOAD_MAX_MB = 1
    files = _files(tmp_path)
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        page = new_browser_page(viewport=DESKTOP)
        base = live_server.url

        # Home page: search box, most used procedures, first-time guide.
        page.goto(base + "/")
        _check_accessibility(page, "home")
        screenshot(page, "portal-home")
        phone = new_browser_page(viewport=PHONE)
        phone.goto(base + "/")
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        screenshot(phone, "portal-home-phone")

        # Register with a phone number written the international way.
        page.get_by_role("link", name="Đăng ký", exact=True).first.click()
        page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
        page.get_by_label("Số điện thoại").fill("+84 912 345 678")
        page.get_by_label("Thư điện tử").fill("lan@example.vn")
        page.locator("#id_password1").fill("Khai-Sinh-2026")
        page.get_by_label("Nhập lại mật khẩu").fill("Khai-Sinh-2026")
        page.get_by_role("button", name="Đăng ký").click()
        page.get_by_text("Đăng ký thành công").wait_for()

        # Find the procedure without diacritics from the home page.
        page.goto(base + "/")
        page.get_by_label("Tìm thủ tục hành chính").fill("cap phieu ly lich tu phap")
        page.get_by_role("button", name="Tìm thủ tục").click()
        page.get_by_role("link", name=world.procedure.name).first.click()
        page.wait_for_url(f"**/thu-tuc/{world.procedure.code}/")
        _check_accessibility(page, "procedure page")
        page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()

        # The e-form: name, phone and e-mail come from the account; add the personal ID and address.
        assert page.get_by_label("Họ và tên").input_value() == "Nguyễn Thị Lan"
        assert page.get_by_label("Số điện thoại").input_value() == "0912345678"
        _check_accessibility(page, "submission e-form")
        page.get_by_label("Số định danh cá nhân (CCCD)").fill("025195000123")
        page.get_by_label("Địa chỉ").fill("Số 1 Hùng Vương, phường Việt Trì, tỉnh Phú Thọ")
        page.get_by_label("Nội dung yêu cầu giải quyết").fill("Cấp phiếu lý lịch tư pháp số 1 để xin việc")
        page.get_by_role("button", name="Tiếp tục: tải lên giấy tờ").click()
        page.get_by_text("Đã tạo hồ sơ nháp").wait_for()
        draft_url = page.url

        # A wrong file type, then an oversized scan: clear messages, the draft stays.
        upload = page.locator("input[type=file]").first
        upload.set_input_files(str(files["wrong"]))
        page.get_by_role("button", name="Lưu nháp").click()
        summary = page.locator("#error-summary")
        assert "“don-xin.docx” không đúng định dạng" in summary.inner_text()
        _check_accessibility(page, "draft with errors")
        screenshot(page, "portal-draft-errors")
        upload.set_input_files(str(files["big"]))
        page.get_by_role("button", name="Lưu nháp").click()
        assert "vượt quá giới hạn 1 MB" in page.locator("#error-summary").inner_text()
        phone = phone_page_like(new_browser_page, page, PHONE)
        phone.goto(draft_url)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        screenshot(phone, "portal-draft-phone")
        assert Dossier.objects.get().status == Status.DRAFT

        # The right file and the delivery choice, then review, pay in the sandbox and submit.
        upload.set_input_files(str(files["good"]))
        page.get_by_label("Trực tiếp tại Bộ phận Một cửa").check()
        page.get_by_role("button", name="Tiếp tục: kiểm tra hồ sơ").click()
        page.get_by_role("button", name="Thanh toán trực tuyến 50.000 đ").click()
        page.get_by_text("Môi trường thử nghiệm").wait_for()
        screenshot(page, "portal-sandbox-payment")
        page.get_by_role("button", name="Thanh toán thành công").click()
        page.get_by_text("Đã thanh toán 50.000 đ").wait_for()
        _check_accessibility(page, "review")
        screenshot(page, "portal-review")
        page.get_by_role("button", name="Nộp hồ sơ").click()
        page.get_by_text("Đã nộp hồ sơ thành công").wait_for()
        dossier = Dossier.objects.get()
        assert dossier.status == Status.SUBMITTED and dossier.code in page.content()

        # The officer accepts through the engine; the citizen sees the new status and the due moment.
        services.accept(dossier, actor=world.officer)
        dossier.refresh_from_db()
        page.reload()
        due = timezone.localtime(dossier.due_at)
        expect(page.get_by_text("Được tiếp nhận").first).to_be_visible()
        expect(page.get_by_text(f"{due:%H:%M} ngày {due:%d/%m/%Y}")).to_be_visible()
        _check_accessibility(page, "dossier detail")
        screenshot(page, "portal-dossier")
        phone = phone_page_like(new_browser_page, page, PHONE)
        phone.goto(page.url)
        screenshot(phone, "portal-dossier-phone")

    # Processing and return of the result happen later in the week.
    with time_machine.travel(MONDAY_9AM + timedelta(days=1), tick=True):
        services.assign(dossier, actor=world.head, handler=world.specialist)
        services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
        services.approve(dossier, actor=world.leader)
        from django.core.files.uploadedfile import SimpleUploadedFile

        result = SimpleUploadedFile("phieu-ly-lich-tu-phap.pdf", PDF, content_type="application/pdf")
        services.attach_result(dossier, actor=world.leader, result_files=[result])
        services.return_result(dossier, actor=world.officer, method="counter")
        page.reload()
        expect(page.get_by_text("Đã trả kết quả").first).to_be_visible()
        page.locator("input[name=satisfaction][value=very_satisfied]").check()
        page.get_by_text("Đánh giá theo từng tiêu chí (không bắt buộc)").click()
        page.locator("input[name=criterion_staff_attitude][value=satisfied]").check()
        page.get_by_label("Ý kiến khác (nếu có)").fill("Cán bộ hướng dẫn tận tình.")
        screenshot(page, "portal-rating", full_page=True)
        page.get_by_role("button", name="Gửi đánh giá").click()
        page.get_by_text("Cảm ơn bạn đã đánh giá").wait_for()
        expect(page.get_by_role("heading", name="Đánh giá của bạn")).to_be_visible()
