"""What an operator sees in a real browser: failed notifications in the admin, and resending them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from motcua.accounts.tests.factories import TEST_PASSWORD, UserFactory
from motcua.notifications.models import Notification


class MailServerDown(Exception):
    pass


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_operator_filters_failed_messages_and_resends_one(
    live_server: Any, browser_page: Any, settings: Any, monkeypatch: Any
) -> None:
    from motcua.notifications.services import notify

    settings.NOTIFICATION_MAX_ATTEMPTS = 1

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise MailServerDown("Máy chủ thư không phản hồi")

    monkeypatch.setattr("motcua.notifications.delivery.send_mail", refuse)
    [failed] = notify(subject="Hồ sơ cần bổ sung", body="…", emails=["lan@example.vn"], reference="H56-0001")
    monkeypatch.undo()
    UserFactory(username="vanhanh", is_staff=True, is_superuser=True)
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(live_server.url + "/admin/login/?next=/admin/notifications/notification/")
    page.get_by_label("Tên đăng nhập").fill("vanhanh")
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Gửi không thành công").click()
    row = page.locator("#result_list tbody tr").first
    assert "l…@example.vn" in row.inner_text() and "Máy chủ thư không phản hồi" in row.inner_text()
    assert "lan@example.vn" not in page.content()
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("resend_now")
    page.locator(".actions button[name=index]").click()
    expect(page.get_by_text("Đã gửi lại 1/1 thông báo.")).to_be_visible()  # waits for the page after the POST
    assert [text for text in console if "Content Security Policy" in text] == []  # the admin works under the CSP
    failed.refresh_from_db()
    assert failed.status == Notification.Status.SENT and mail.outbox[-1].to == ["lan@example.vn"]
