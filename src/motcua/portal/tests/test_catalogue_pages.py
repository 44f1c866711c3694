"""Public catalogue pages: listing with search and filters, procedure page, blank forms, diagram."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.files.base import ContentFile

from motcua.catalogue.models import Component
from motcua.catalogue.tests.factories import SectorFactory, make_procedure, step
from motcua.catalogue.tests.sample import needs_sample
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


@needs_sample
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


def _information_only(code="1.900001", name="Cấp giấy phép khai thác thử nghiệm"):
    """A procedure as the national catalogue file gives it: no internal process, no time limit."""
    return make_procedure(
        name,
        code=code,
        sector=SectorFactory(code="TN-N"),
        legal_time_value=None,
        legal_time_unit="",
        information_only=True,
        fees=[],
        processes=[],
    )


def test_an_information_only_procedure_says_what_is_not_published_and_offers_no_submission(client, catalogue):
    _information_only()
    html = client.get("/thu-tuc/1.900001/").content.decode()
    assert "Chỉ cung cấp thông tin" in html and "chưa tiếp nhận hồ sơ" in html
    assert html.count("Chưa công bố") >= 3  # time limit, fees, process
    assert "Nộp hồ sơ trực tuyến" not in html and "dự kiến trả kết quả" not in html
    listing = client.get("/thu-tuc/", {"q": "khai thac thu nghiem"}).content.decode()
    assert "Chỉ cung cấp thông tin" in listing and "chưa công bố" in listing


def test_the_listing_says_what_the_portal_offers_and_filters_procedures_resolved_at_the_centre(client, catalogue):
    make_procedure("Chứng thực chữ ký", code="2.000884", resolved_at_centre=True, online_level="full")
    html = client.get("/thu-tuc/", {"q": "chung thuc chu ky"}).content.decode()
    assert "Nộp trực tuyến toàn trình" in html and "4 tại chỗ" in html
    at_centre = client.get("/thu-tuc/", {"at_centre": "1"}).content.decode()
    assert "Chứng thực chữ ký" in at_centre and "Đăng ký khai sinh" not in at_centre
    counter_only = client.get("/thu-tuc/", {"q": "ket hon"}).content.decode()
    assert "Chỉ nộp trực tiếp hoặc qua bưu chính" in counter_only


def test_a_search_that_finds_nothing_offers_shorter_searches_that_do(client, catalogue):
    html = client.get("/thu-tuc/", {"q": "pizza khai sinh"}).content.decode()
    assert "Không tìm thấy thủ tục phù hợp" in html
    assert "Có thể bạn muốn tìm" in html and "?q=khai%20sinh" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_an_information_only_procedure_and_a_search_that_finds_nothing(live_server, new_browser_page):
    make_procedure("Đăng ký khai sinh", code="1.001193")
    _information_only()
    phone = new_browser_page(viewport=PHONE)
    phone.goto(f"{live_server.url}/thu-tuc/?q=pizza+khai+sinh")
    suggestion = phone.get_by_role("link", name="khai sinh")
    assert suggestion.is_visible() and layout_problems(phone) == []
    suggestion.click()
    assert phone.locator(".procedure-name").first.inner_text() == "Đăng ký khai sinh"
    phone.goto(f"{live_server.url}/thu-tuc/1.900001/")
    assert phone.get_by_role("note").is_visible()
    assert layout_problems(phone) == [] and serious_accessibility_violations(phone) == []
    screenshot(phone, "catalogue-information-only-phone", full_page=True)
