"""Secure defaults: content security policy, HTTPS in production, expiring API tokens, and a production
start-up that refuses debug pages and published default secrets (``manage.py check --deploy`` clean)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from motcua.accounts.tests.factories import UserFactory
from motcua.conf.env import unsafe_production_settings

ROOT = Path(__file__).resolve().parents[1]
GOOD_KEY = "Zq3v-8pW_kL2xN7rT0yB5mC9dF4gH6jS1aE-uI8oP3wQ2zX7cV5bN0mL4kJ9hG6f"
PRODUCTION_ENV = {
    "MOTCUA_PRODUCTION": "true",
    "SECRET_KEY": GOOD_KEY,
    "PAYMENT_SANDBOX_SECRET": "pay-" + GOOD_KEY,
    "POSTAL_CALLBACK_SECRET": "post-" + GOOD_KEY,
    "ALLOWED_HOSTS": "dichvucong.example.gov.vn",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "motcua.conf.settings",
        "DATABASE_URL": "sqlite:///:memory:",
        **env,
    }
    return subprocess.run(  # noqa: S603 - fixed command
        [sys.executable, str(ROOT / "src" / "manage.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def test_check_deploy_is_clean_in_production_mode() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"PAYMENT_SANDBOX_SECRET": ""}, "PAYMENT_SANDBOX_SECRET"),  # unset: the published default
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short-key"}, "SECRET_KEY"),
        ({"DEBUG": "true"}, "DEBUG must be off"),
    ],
)
def test_production_start_up_refuses_unsafe_defaults(override: dict[str, str], named: str) -> None:
    env = {**PRODUCTION_ENV, **override}
    for name, value in override.items():
        if not value:
            del env[name]
    result = manage("check", **env)
    assert result.returncode != 0 and named in result.stderr


def test_every_secret_still_at_its_default_is_named() -> None:
    from motcua.conf import settings as conf

    values = {name: getattr(conf, name) for name in dir(conf) if name.isupper()}
    problems = " ".join(unsafe_production_settings(values))
    assert "SECRET_KEY" in problems and "PAYMENT_SANDBOX_SECRET" in problems and "POSTAL_CALLBACK_SECRET" in problems


def test_the_development_payment_secret_never_verifies_a_signature_in_production(settings) -> None:
    from motcua.payments.gateways.sandbox import signing

    params = signing.signed({"reference": "PAY-1", "amount": "50000", "status": "paid"})
    assert signing.verify(params)
    settings.PRODUCTION = True
    assert not signing.verify(params)


def test_production_settings_send_hsts_and_redirect_to_https() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = subprocess.run(  # noqa: S603 - fixed command
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(ROOT / "src"), "DJANGO_SETTINGS_MODULE": "motcua.conf.settings", **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["True", "31536000", "True", "True", "True"], result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/can-bo/dang-nhap/", "/admin/login/", "/api/v1/docs/"])
def test_every_page_carries_a_strict_content_security_policy(client: Client, url: str) -> None:
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'self'"


@pytest.mark.django_db
def test_an_api_token_expires(settings) -> None:
    settings.API_TOKEN_MAX_AGE_HOURS = 24
    user = UserFactory()
    token = Token.objects.create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/dossiers/").status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(hours=25))
    expired = api.get("/api/v1/dossiers/")
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"
    assert "hết hạn" in expired.json()["message"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/", "/can-bo/dang-nhap/", "/admin/login/", "/api/v1/docs/"])
def test_pages_work_under_the_policy_without_violations(live_server, browser_page, url: str) -> None:
    violations: list[str] = []
    browser_page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    browser_page.goto(live_server.url + url)
    browser_page.wait_for_load_state("networkidle")
    if url == "/api/v1/docs/":
        assert browser_page.locator(".swagger-ui .info .title").first.is_visible()
    assert [text for text in violations if "Content Security Policy" in text] == []


def test_the_system_check_names_default_secrets_as_errors_in_production(settings) -> None:
    from motcua.core.checks import production_defaults_check

    assert production_defaults_check() == []  # development: defaults are fine
    settings.PRODUCTION = True
    settings.SECRET_KEY = GOOD_KEY
    errors = production_defaults_check()
    assert [(e.level, e.id) for e in errors] == [(40, "motcua.core.E001")] * 2
    assert "PAYMENT_SANDBOX_SECRET" in errors[0].msg and "POSTAL_CALLBACK_SECRET" in errors[1].msg
    settings.PAYMENT_SANDBOX_SECRET = "pay-" + GOOD_KEY
    settings.POSTAL_CALLBACK_SECRET = "post-" + GOOD_KEY
    assert production_defaults_check() == []


def test_the_demo_serves_without_debug_pages() -> None:
    recipe = (ROOT / "Makefile").read_text().split("\ndemo:", 1)[1].split("\n.PHONY", 1)[0]
    [serve] = [line for line in recipe.splitlines() if "gunicorn -c" in line]
    assert "DEBUG=false" in serve and "DEBUG=true" not in recipe and ":-true" not in recipe
    assert "runserver" not in recipe  # the development server is for development only (make runserver)


@pytest.mark.django_db
def test_static_files_are_served_without_debug(client: Client, settings) -> None:
    settings.DEBUG = False
    response = client.get("/static/motcua/site.css")
    assert response.status_code == 200
    assert "Traceback" not in client.get("/khong-co-trang-nay/").content.decode()


def test_nginx_sending_files_needs_them_in_the_local_folder() -> None:
    result = manage("check", FILE_SERVING="x-accel", STORAGE_BACKEND="s3", STORAGE_S3_BUCKET="motcua")
    assert result.returncode != 0
    assert "FILE_SERVING=x-accel sends files from MEDIA_ROOT" in result.stdout + result.stderr
    assert manage("check", FILE_SERVING="x-accel", STORAGE_BACKEND="local").returncode == 0
