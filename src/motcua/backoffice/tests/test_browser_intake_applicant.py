"""Counter intake on a 768 px tablet: contact data looked up for one citizen never goes onto another
citizen's dossier, and the officer sees the case in which a conditional component is needed."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from motcua.accounts.services import create_or_update_applicant
from motcua.backoffice.tests.browser import sign_in
from motcua.backoffice.tests.conftest import MONDAY_9AM, build_world
from motcua.catalogue.tests.factories import make_procedure
from motcua.core.testing import serious_accessibility_violations
from motcua.dossiers.models import Dossier, DossierEvent

TABLET = {"width": 768, "height": 1024}


def _procedure(world: Any) -> Any:
    return make_procedure(
        "Đăng ký khai sinh",
        code="1.001194",
        competent_agencies=[world.department.identifier_code],
        levels=["province"],
        components=[
            {"name": "Tờ khai đăng ký khai sinh"},
            {"name": "Văn bản ủy quyền", "note": "khi ủy quyền; không cần chứng thực nếu là cha, mẹ"},
        ],
    )


def _look_up(page: Any, number: str) -> None:
    page.get_by_label("Số định danh cá nhân (CCCD)").fill(number)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_selector("[data-found]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_changing_the_identity_number_after_a_lookup_drops_the_prefilled_contact(
    live_server: Any, new_browser_page: Any
) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        procedure = _procedure(world)
        create_or_update_applicant(
            actor=None,
            kind="citizen",
            full_name="Nguyễn Thị Hồng Nhung",
            id_number="038190000123",
            phone="0912345678",
            email="nhung@example.vn",
            address="Phường Hạc Thành",
        )
        page = new_browser_page(viewport=TABLET)
        sign_in(page, live_server.url, "motcua")
        page.goto(f"{live_server.url}/can-bo/tiep-nhan/?procedure={procedure.code}")
        page.wait_for_load_state()

        # The case of the conditional component is shown next to it, and it is not marked mandatory.
        row = page.locator("tr", has=page.get_by_label("Văn bản ủy quyền", exact=True))
        assert "Trường hợp phải nộp: Khi ủy quyền" in row.inner_text()
        assert "bắt buộc" not in row.locator(".badge").inner_text()

        # Look up Nhung: her contact is filled in; then the officer types a walk-in applicant's number.
        _look_up(page, "038190000123")
        assert page.get_by_label("Thư điện tử").input_value() == "nhung@example.vn"
        page.get_by_label("Số định danh cá nhân (CCCD)").fill("038090000555")
        for label in ("Thư điện tử", "Số điện thoại", "Địa chỉ"):
            assert page.get_by_label(label, exact=True).input_value() == "", label
        expect(page.locator("[data-contact-cleared]")).to_be_visible()
        expect(page.locator("[data-found]")).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
        assert serious_accessibility_violations(page) == []

        page.get_by_label("Họ và tên / tên tổ chức").fill("Trần Văn Bình")
        page.get_by_label("Số điện thoại").fill("0987000111")
        page.get_by_label("Tờ khai đăng ký khai sinh", exact=True).check()
        page.get_by_role("button", name=re.compile("Tiếp nhận, in Mẫu 01")).click()
        page.wait_for_selector("h1 .code")
        first = Dossier.objects.get(code=page.locator("h1 .code").inner_text())
        assert (first.applicant_id_number, first.applicant_email) == ("038090000555", "")
        # The conditional component left out is listed with its case on the dossier page.
        assert "trường hợp phải nộp: Khi ủy quyền" in page.locator(".not-received").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_the_script_the_server_refuses_another_identitys_contact_until_the_officer_confirms(
    live_server: Any, new_browser_page: Any
) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        world = build_world()
        procedure = _procedure(world)
        create_or_update_applicant(
            actor=None,
            kind="citizen",
            full_name="Nguyễn Thị Hồng Nhung",
            id_number="038190000123",
            email="nhung@example.vn",
        )
        page = new_browser_page(viewport=TABLET)
        sign_in(page, live_server.url, "motcua")
        page.goto(f"{live_server.url}/can-bo/tiep-nhan/?procedure={procedure.code}")
        page.wait_for_load_state()
        _look_up(page, "038190000123")
        # The number changed without the page noticing (as without JavaScript): the e-mail stays.
        page.evaluate("document.getElementById('id_applicant-id_number').value = '038090000555'")
        page.get_by_label("Họ và tên / tên tổ chức").fill("Trần Văn Bình")
        page.get_by_label("Tờ khai đăng ký khai sinh", exact=True).check()
        page.get_by_role("button", name=re.compile("Tiếp nhận, in Mẫu 01")).click()
        page.wait_for_load_state()
        assert "đã được đăng ký cho tổ chức, cá nhân khác" in page.locator("#error-summary").inner_text()
        assert not Dossier.objects.exists()
        # The applicant confirms the mailbox is theirs: the officer ticks the choice, and it is recorded.
        page.get_by_label("Tờ khai đăng ký khai sinh", exact=True).check()
        page.get_by_label("Vẫn dùng thông tin liên hệ này (người nộp xác nhận là của mình)").check()
        page.get_by_role("button", name=re.compile("Tiếp nhận, in Mẫu 01")).click()
        page.wait_for_selector("h1 .code")
        dossier = Dossier.objects.get()
        assert (dossier.applicant_id_number, dossier.applicant_email) == ("038090000555", "nhung@example.vn")
        event = DossierEvent.objects.get(dossier=dossier, action="register")
        assert event.data["contact_of_other_identity_confirmed"] == ["email"]
