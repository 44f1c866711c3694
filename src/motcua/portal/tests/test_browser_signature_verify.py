"""On a phone (390×844): upload a signed PDF, read its signature, follow its QR link; nothing scrolls
sideways, nothing overlaps, no serious accessibility violation."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from motcua.core.testing import PHONE, layout_problems, screenshot, serious_accessibility_violations
from motcua.signatures.tests.fixtures import sign_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Any, where: str) -> None:
    page.wait_for_load_state()
    assert layout_problems(page) == [], where
    assert serious_accessibility_violations(page) == [], where


def signed_elsewhere(give_key: Any) -> Any:
    """pyHanko runs its own event loop, which it may not start in the thread that drives the browser."""

    def sign() -> Any:
        try:
            return sign_sample(give_key)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(sign).result()


def test_verify_a_signed_result_on_a_phone(live_server: Any, new_browser_page: Any, give_key: Any, tmp_path: Path):
    signed = signed_elsewhere(give_key)
    pdf = tmp_path / "ket-qua.pdf"
    pdf.write_bytes(signed.content)
    page = new_browser_page(viewport=PHONE)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Kiểm tra chữ ký số").click()
    page.wait_for_url("**/xac-thuc-van-ban/")
    check(page, "empty form")
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(pdf))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    page.get_by_text("Mọi chữ ký còn nguyên vẹn").wait_for()
    assert page.get_by_role("heading", name="Chữ ký 1: TEST – UBND xã Thanh Ba").is_visible()
    check(page, "result")
    screenshot(page, "portal-signature-verify-phone", full_page=True)

    page.goto(f"{live_server.url}/xac-thuc-van-ban/{signed.document.token}/")
    assert page.get_by_text("UBND xã Thanh Ba", exact=True).is_visible()
    check(page, "QR link")
