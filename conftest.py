"""Shared pytest fixtures; app-specific fixtures live in each app's tests/conftest.py.

Browser tests use Playwright's sync API with Debian's chromium (never a downloaded browser):

    @pytest.mark.browser
    def test_home(live_server, browser_page):
        browser_page.goto(live_server.url + "/")
        screenshot(browser_page, "portal-home")  # → var/screenshots/ (REFRESH_SCREENSHOTS=1: docs/screenshots/)

``new_browser_page()`` opens a further, isolated context (a second official, a citizen).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from motcua.core.testing import DESKTOP

# Fixtures shared by several apps' tests: a test PKI and signing keys (signatures/tests/fixtures.py).
pytest_plugins = ["motcua.signatures.tests.fixtures"]

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would
# otherwise refuse every query made by the test while a browser is open.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need chromium at {CHROMIUM}: run `make test` as root or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def new_browser_page(browser: Any) -> Iterator[Callable[..., Any]]:
    contexts: list[Any] = []

    def open_page(viewport: dict[str, int] | None = None, locale: str = "vi-VN") -> Any:
        context = browser.new_context(viewport=viewport or DESKTOP, locale=locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(new_browser_page: Callable[..., Any]) -> Any:
    return new_browser_page()


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> Iterator[None]:
    """Nothing cached per process crosses tests (``core.caches``): versions are immutable in production,
    but test databases reuse ids, and tests change the working-calendar settings."""
    from motcua.core.caches import clear_all

    clear_all()
    yield
    clear_all()
