"""Public catalogue pages: listing with search and filters, procedure page, blank forms, diagram."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.files.base import ContentFile

from motcua.catalogue.models import Component
from motcua.catalogue.tests.factories import SectorFactory, make_procedure, step
from motcua.core.testing import DESKTOP, PHONE, layout_problems, screenshot, serious_accessibility_violations

MONDAY_9AM = "2026-03-02 09:00 +0700"


@pytest.fixture
def catalogue(db):
    with time_machine.travel(MONDAY_9AM, tick=False):
        sector = SectorFactory(code="TP-HT", name="Hộ tịch")
        birth = make_procedure(
            "Đăng ký khai sinh",
            code="1.001193",
            sector=sector,
            legal_time_value="3",
            reduced_time_value="2",
            reduced_time_unit="working_days",
            fees=[
                {"name": "Lệ phí đăng ký khai sinh", "amount_vnd": 0},
                {"name": "Phí bản sao", "amount_vnd": 1250000},
            ],
            components=[
                {"name": "Tờ khai đăng ký khai sinh", "copies": 1, "kind": "original"},
                {"name": "Giấy chứng sinh", "copies": 2, "kind": "certified_copy", "mandatory": False},
            ],
            processes=[
                {
                    "steps": [
                        step("Tiếp nhận", "2"),
                        step("Xin ý kiến <Công an>", "6", parallel_group="A", is_interagency=True),
                        step("Thẩm định", "8", parallel_group="A"),
                        step("Ký", "4"),
                    ]
                }
            ],
        )
        make_procedure("Đăng ký kết hôn", code="1.000894", sector=sector, online_level="none", channels=["counter"])
        for n in range(25):
            make_procedure(
                f"Chứng thực hợp đồng số {n}",
                code=f"2.{100 + n:06d}",
                sector=SectorFactory(code="TP-CT"),
                levels=["province"],
            )
    return birth


def test_listing_finds_birth_registration_without_diacritics(client, catalogue):
    page = client.get("/thu-tuc/", {"q": "dang ky khai sinh"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Đăng ký khai sinh") < html.index("Đăng ký kết hôn") if "Đăng ký kết hôn" in html else True
    assert "/thu-tuc/1.001193/" in html


def test_listing_pages_and_filters(client, catalogue):
    first = client.get("/thu-tuc/").content.decode()
    assert "Trang 1/2" in first and "page=2" in first
    by_level = client.get("/thu-tuc/", {"level": "commune"}).content.decode()
    assert "Đăng ký khai sinh" in by_level and "Chứng thực hợp đồng" not in by_level
    nothing = client.get("/thu-tuc/", {"q": "xyz qwerty"}).content.decode()
    assert "Không tìm thấy thủ tục phù hợp" in nothing


def test_procedure_page_shows_what_a_citizen_needs(client, catalogue):
    with time_machine.travel(MONDAY_9AM, tick=False):
        html = client.get("/thu-tuc/1.001193/").content.decode()
    assert "Miễn phí" in html and "1.250.000 đ" in html
    assert "2 ngày làm việc" in html and "3 ngày làm việc" in html  # reduced time, with the legal one beside it
    assert "09:00 ngày 04/03/2026" in html  # 2 working days from Monday 09:00
    assert "Bản sao có chứng thực" in html and "2 bản" in html
    assert "<svg" in html and "Xin ý kiến &lt;Công an&gt;" in html and "<Công an>" not in html
    assert "Các bước song song" in html


def test_unknown_procedure_is_404(client, catalogue):
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_blank_form_download(client, catalogue):
    component = Component.objects.get(name="Tờ khai đăng ký khai sinh")
    component.blank_form.save("to-khai-khai-sinh.pdf", ContentFile(b"%PDF-1.4 mau"), save=True)
    html = client.get("/thu-tuc/1.001193/").content.decode()
    url = f"/thu-tuc/1.001193/mau/{component.pk}/"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(f"/thu-tuc/1.000894/mau/{component.pk}/").status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_citizen_searches_without_diacritics_and_opens_the_procedure(live_server, new_browser_page):
    from motcua.catalogue import demo
    from motcua.organisations import demo as organisations_demo

    organisations_demo.load(io.StringIO())
    demo.load(io.StringIO())
    page = new_browser_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/thu-tuc/")
    page.get_by_label("Tìm thủ tục").fill("dang ki khai sinh")
    page.get_by_role("button", name="Tìm", exact=True).click()
    first = page.locator(".procedure-name").first
    assert first.inner_text() == "Đăng ký khai sinh"
    assert serious_accessibility_violations(page) == []
    screenshot(page, "catalogue-search")
    first.click()
    page.wait_for_url("**/thu-tuc/1.001193/")
    assert page.get_by_role("heading", name="Thành phần hồ sơ").is_visible()
    assert page.locator(".diagram svg").count() == 1
    assert serious_accessibility_violations(page) == []

    assert page.locator(".diagram svg").is_visible() and not page.locator(".process-stepper").is_visible()

    phone = new_browser_page(viewport=PHONE)
    phone.goto(f"{live_server.url}/thu-tuc/1.001193/")
    assert layout_problems(phone) == []
    # On a phone the process is a list in the page's font, not a drawing shrunk to 7-pixel letters.
    assert not phone.locator(".diagram svg").is_visible()
    stepper = phone.locator(".process-stepper")
    stepper.scroll_into_view_if_needed()
    assert stepper.is_visible()
    first_step = stepper.locator(".stage-name").first
    assert first_step.inner_text().startswith("1. ")
    assert first_step.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 14
    assert stepper.evaluate("e => e.getBoundingClientRect().right") <= 390
    assert serious_accessibility_violations(phone) == []
    screenshot(phone, "catalogue-procedure-phone")
    screenshot(phone, "catalogue-procedure-process-phone", full_page=True)
