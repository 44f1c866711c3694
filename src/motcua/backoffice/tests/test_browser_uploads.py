"""In the browser: an executable sent as a PDF is refused next to the file input; a real PDF with a very
long Vietnamese name is kept under a shortened name and opens from the dossier page."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.urls import reverse

from motcua.backoffice.tests.browser import sign_in
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import to_processing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABEL = "Chuyển bước tiếp theo"
FIELD = "Tài liệu kèm theo (PDF, ảnh)"


def _send(page: Any, payload: dict[str, Any]) -> Any:
    panel = page.locator("details.action-panel", has=page.locator("summary", has_text=LABEL))
    if not panel.evaluate("p => p.open"):
        panel.locator("summary").click()
    panel.get_by_label(FIELD).set_input_files(payload)
    panel.get_by_role("button", name=LABEL).click()
    page.wait_for_load_state()
    return panel


def test_a_fake_pdf_is_refused_and_a_long_name_is_shortened(live_server: Any, new_browser_page: Any) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        dossier = to_processing(world)
        page = new_browser_page()
        sign_in(page, live_server.url, world.specialist.username)
        page.goto(live_server.url + reverse("backoffice:dossier", kwargs={"code": dossier.code}))

        _send(page, {"name": "virus.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00\x03\x00"})
        assert "Tệp “virus.pdf” không đúng định dạng. Chỉ nhận tệp PDF, PNG hoặc JPG." in page.content()

        long_name = ("Tờ trình đề nghị cấp phiếu lý lịch tư pháp cho công dân Nguyễn Thị Hồng Nhung " * 4)[:300]
        _send(page, {"name": long_name + ".pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 to trinh"})
        page.get_by_text("Đã thực hiện: Chuyển bước tiếp theo.", exact=False).first.wait_for()
        link = page.locator("a[href*='/tep/']").last
        shown = link.inner_text()
        assert shown.startswith("Tờ trình đề nghị") and shown.endswith(".pdf") and len(shown.encode()) <= 150
        response = page.request.get(live_server.url + link.get_attribute("href"))
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        assert response.headers["x-content-type-options"] == "nosniff"
