"""One dossier's whole path in a real browser, with two officials in two browser contexts:
counter intake (one-stop officer) → assignment (head) → processing and consultation (specialist,
partner agency) → approval and result (leader) → return (one-stop officer).

Also checks the inbox and dossier pages with axe-core and keeps screenshots at 1366×768.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine

from motcua.backoffice.tests.browser import sign_in
from motcua.backoffice.tests.conftest import MONDAY_9AM, build_world
from motcua.core.testing import screenshot, serious_accessibility_violations
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier

PDF = {"name": "ket-qua.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 ket qua"}


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")


def act(page: Any, label: str, fill: dict[str, str] | None = None, *, files: dict[str, Any] | None = None) -> None:
    """Open an action panel on the dossier page, fill it in and send it."""
    panel = page.locator("details.action-panel", has=page.locator("summary", has_text=label))
    panel.locator("summary").click()
    for field, value in (fill or {}).items():
        control = panel.get_by_label(field)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    for field, payload in (files or {}).items():
        panel.get_by_label(field).set_input_files(payload)
    panel.get_by_role("button", name=label).click()
    page.wait_for_load_state()
    assert page.locator(".msg-success").first.inner_text().startswith("Đã thực hiện"), page.content()[:3000]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_whole_path_of_one_dossier(live_server: Any, new_browser_page: Any) -> None:

    with time_machine.travel(MONDAY_9AM, tick=True):
        build_world()  # agencies, officials and the procedure, made through the services
        counter = new_browser_page()
        office = new_browser_page()
        base = live_server.url

        # Counter intake: find the procedure typing without diacritics, record the applicant, accept.
        sign_in(counter, base, "motcua")
        counter.get_by_role("link", name=re.compile("Tiếp nhận tại quầy")).click()
        counter.wait_for_load_state()  # htmx listens once the page has loaded
        counter.get_by_label("Tìm thủ tục").fill("ly lich tu phap")
        counter.get_by_role("link", name=re.compile("Cấp phiếu lý lịch tư pháp")).click()
        counter.wait_for_selector("#due-preview .due")
        counter.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Thị Hồng Nhung")
        counter.get_by_label("Số định danh cá nhân (CCCD)").fill("038190000123")
        counter.get_by_label("Số điện thoại").fill("0912345678")
        counter.get_by_label("Tờ khai", exact=True).check()
        counter.get_by_label("Số trang của Tờ khai").fill("2")
        assert "09:00 ngày 05/03/2026" in counter.locator("#due-preview").inner_text()
        assert serious_accessibility_violations(counter) == []
        screenshot(counter, "backoffice-intake", full_page=True)
        counter.get_by_role("button", name=re.compile("Tiếp nhận, in Mẫu 01")).click()
        counter.wait_for_selector("h1 .code")
        code = counter.locator("h1 .code").inner_text()
        assert code.startswith("000.00.06.H56-260302-")
        # The receipt to hand over comes first on the page (and stays in the list of forms).
        assert counter.locator(".print-now a").inner_text().startswith("In Mẫu 01")
        receipt = counter.request.get(base + counter.locator(".print-now a").get_attribute("href"))
        assert receipt.body()[:4] == b"%PDF"

        # The head of the department finds it in "Chờ phân công" and assigns the specialist.
        sign_in(office, base, "truongphong")
        assert office.locator(".inbox-tabs a[aria-current=page]").inner_text().startswith("Chờ phân công")
        assert serious_accessibility_violations(office) == []
        screenshot(office, "backoffice-inbox")
        office.get_by_role("link", name=code).click()
        act(office, "Phân công cán bộ xử lý", {"Cán bộ xử lý": "Đỗ Thị Chuyên"})
        office.get_by_role("link", name=re.compile("Theo dõi đơn vị")).click()
        assert "Đỗ Thị Chuyên" in office.locator("#h-handlers + table").inner_text()
        assert serious_accessibility_violations(office) == []
        screenshot(office, "backoffice-unit")
        sign_out(office)

        # The specialist consults the partner agency.
        sign_in(office, base, "chuyenvien")
        office.get_by_role("link", name=code).click()
        act(
            office,
            "Xin ý kiến cơ quan phối hợp",
            {
                "Cơ quan phối hợp": "Sở Tài chính",
                "Nội dung xin ý kiến": "Xin ý kiến về lệ phí",
                "Thời hạn trả lời (ngày làm việc)": "2",
            },
        )
        sign_out(office)

        # The partner answers from its own agency.
        sign_in(office, base, "phoihop")
        office.goto(f"{base}/can-bo/?tab=consultations")
        office.get_by_role("link", name=code).click()
        act(office, "Trả lời xin ý kiến", {"Nội dung trả lời, kết quả": "Thống nhất mức lệ phí"})
        sign_out(office)

        # The specialist forwards to the leader.
        sign_in(office, base, "chuyenvien")
        office.get_by_role("link", name=code).click()
        act(office, "Chuyển bước tiếp theo", {"Ghi chú": "Đủ điều kiện cấp phiếu"})
        sign_out(office)

        # The leader approves and attaches the result.
        sign_in(office, base, "lanhdao")
        assert office.locator(".inbox-tabs a[aria-current=page]").inner_text().startswith("Chờ phê duyệt")
        office.get_by_role("link", name=code).click()
        assert serious_accessibility_violations(office) == []
        screenshot(office, "backoffice-dossier")
        office.set_viewport_size({"width": 820, "height": 1180})  # a tablet held upright: one column
        screenshot(office, "backoffice-dossier-tablet")
        office.set_viewport_size({"width": 1366, "height": 768})
        act(office, "Phê duyệt kết quả")
        act(office, "Đính kèm kết quả, hoàn thành xử lý", files={"Tệp kết quả (PDF, ảnh)": PDF})
        office.get_by_role("link", name="ket-qua.pdf").click()  # previewed in the page, not a new tab
        assert office.locator("#preview-panel").evaluate("panel => panel.open")
        assert "/tep/" in office.locator("#preview-panel iframe").get_attribute("src")

        # Back at the counter: the result is in "Chờ trả kết quả"; hand it over.
        counter.goto(f"{base}/can-bo/?tab=to_return")
        counter.get_by_role("link", name=code).click()
        act(counter, "Trả kết quả cho tổ chức, cá nhân", {"Người nhận kết quả": "Nguyễn Thị Hồng Nhung"})
        assert "Đã trả kết quả" in counter.locator("h1").inner_text()

        dossier = Dossier.objects.get(code=code)
        assert dossier.status == Status.RETURNED
        actions = list(dossier.events.values_list("action", flat=True))
        assert actions == [
            "register",
            "accept",
            "assign",
            "consult",
            "answer_consultation",
            "forward",
            "approve",
            "attach_result",
            "return_result",
        ]
