"""Vietnamese unless English is chosen with the switch: the browser's own language does not count."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_browser_set_to_english_gets_the_vietnamese_pages(client: Client) -> None:
    for url in ("/", reverse("backoffice:login")):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        html = response.content.decode()
        assert '<html lang="vi">' in html, url
        assert response["Content-Language"] == "vi"
        assert "Accept-Language" not in response.get("Vary", "")


def test_choosing_english_with_the_switch_gives_english_and_back(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 302
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="en">' in html and 'name="language" value="vi"' in html
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_unknown_language_in_the_cookie_falls_back_to_vietnamese(client: Client) -> None:
    client.cookies["django_language"] = "fr"
    assert '<html lang="vi">' in client.get("/").content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_browser_in_english_shows_vietnamese_until_english_is_pressed(live_server, new_browser_page) -> None:
    page = new_browser_page(locale="en-US")
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Thủ tục được sử dụng nhiều").is_visible()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Most used procedures").is_visible()
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
