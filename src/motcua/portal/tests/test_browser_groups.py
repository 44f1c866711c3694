"""A citizen on a phone files a procedure group (liên thông) as one application and reads its one code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from motcua.catalogue.services import save_group
from motcua.catalogue.tests.factories import make_procedure
from motcua.core.testing import PHONE, layout_problems, screenshot
from motcua.dossiers.constants import Status
from motcua.dossiers.models import DossierGroup
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.portal.tests.conftest import PDF, make_citizen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page: Any, user: Any, base: str) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def test_a_citizen_files_a_procedure_group_on_a_phone(live_server: Any, new_browser_page: Any, tmp_path: Path) -> None:
    scan = tmp_path / "giay-to.pdf"
    scan.write_bytes(PDF)
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world(fees=[])
        insurance = make_procedure(
            "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
            competent_agencies=[world.partner.identifier_code],
            levels=["province"],
            fees=[],
        )
        name = "Liên thông khai sinh và thẻ BHYT"
        group = save_group(actor=None, code="LT-KS-BHYT", name=name, procedures=[world.procedure, insurance])
        page = new_browser_page(viewport=PHONE)
        signed_in(page, make_citizen(), live_server.url)

        page.goto(f"{live_server.url}/thu-tuc/{world.procedure.code}/")
        page.get_by_role("link", name=group.name).click()
        page.get_by_role("link", name="Nộp hồ sơ liên thông trực tuyến").click()
        page.get_by_label("Nội dung yêu cầu giải quyết").fill("Đăng ký cho con sinh ngày 20/02/2026")
        page.get_by_role("button", name="Tiếp tục: tải lên giấy tờ").click()
        expect(page.get_by_text("Đã tạo hồ sơ liên thông")).to_be_visible()
        expect(page.get_by_text(insurance.name)).to_be_visible()
        assert layout_problems(page) == []
        files = page.locator("input[type=file]")
        for index in range(files.count()):
            files.nth(index).set_input_files(str(scan))
        page.get_by_label("Trực tiếp tại Bộ phận Một cửa").check()
        page.get_by_role("button", name="Nộp hồ sơ liên thông").click()
        expect(page.get_by_text("Đã nộp hồ sơ liên thông")).to_be_visible()
        filing = DossierGroup.objects.get()
        expect(page.get_by_role("heading", name=f"Mã hồ sơ liên thông: {filing.code}")).to_be_visible()
        expect(page.get_by_text("Chờ tiếp nhận")).to_be_visible()
        assert layout_problems(page) == []
        screenshot(page, "portal-procedure-group-phone", full_page=True)
        assert [d.status for d in filing.dossiers.all()] == [Status.SUBMITTED, Status.SUBMITTED]
