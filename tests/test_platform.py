"""Platform-level checks: settings, the production guard, the home page, admin, API docs."""

import subprocess
import sys

import pytest
from django.test import Client

from motcua.core.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh"),
        ("  Cấp   lại\tgiấy ", "cap lai giay"),
        ("Quốc tịch Việt Nam", "quoc tich viet nam"),
        ("ỹ ữ ặ ẫ ỗ ự", "y u a a o u"),
        # NFD input (decomposed accents, as some keyboards send) folds the same way.
        ("Đa\u0306ng ky\u0301", "dang ky"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def _start_with(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='motcua.conf.settings'; django.setup()"
    return subprocess.run(  # noqa: S603 - fixed command
        [sys.executable, "-c", code], env={"PYTHONPATH": "src", **env}, capture_output=True, text=True, check=False
    )


def test_production_refuses_debug_and_default_secret() -> None:
    debug_on = _start_with({"MOTCUA_PRODUCTION": "true", "DEBUG": "true", "SECRET_KEY": "x" * 50})
    assert debug_on.returncode != 0
    assert "DEBUG must be off" in debug_on.stderr
    default_key = _start_with({"MOTCUA_PRODUCTION": "true"})
    assert default_key.returncode != 0
    assert "SECRET_KEY" in default_key.stderr
    good = _start_with(
        {
            "MOTCUA_PRODUCTION": "true",
            "SECRET_KEY": "k" * 50,
            "PAYMENT_SANDBOX_SECRET": "p" * 50,
            "POSTAL_CALLBACK_SECRET": "c" * 50,
        }
    )
    assert good.returncode == 0, good.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/admin/login/", "/api/v1/docs/", "/api/v1/schema/"])
def test_entry_pages_answer(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_api_unknown_route_is_json_404(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_home_page_in_a_real_browser(live_server, browser_page) -> None:
    browser_page.goto(live_server.url + "/")
    assert browser_page.locator("html").get_attribute("lang") == "vi"
    assert "Dịch vụ công" in browser_page.locator("h1").inner_text()


@pytest.mark.django_db
def test_shared_layout_follows_the_language(client: Client) -> None:
    vietnamese = client.get("/").content.decode()
    assert 'lang="vi"' in vietnamese
    assert "Tỉnh Phú Thọ" in vietnamese
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert 'lang="en"' in english
    assert "Phú Thọ province" in english
    assert "Skip to main content" in english
