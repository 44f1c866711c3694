"""E-mail and SMS delivery with a log of what was sent; a failing provider never raises."""

from __future__ import annotations

import logging

import pytest
from django.core import mail

from motcua.notifications.models import Notification
from motcua.notifications.services import notify
from motcua.notifications.sms import LoggingBackend, MemoryBackend, SmsMessage, send_sms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _memory_sms(settings):
    settings.SMS_BACKEND = "motcua.notifications.sms.MemoryBackend"
    MemoryBackend.outbox.clear()


def test_notify_sends_and_logs_each_message():
    sent = notify(
        subject="Hồ sơ đã được tiếp nhận",
        body="Kính gửi ông/bà…",
        emails=["a@example.vn", ""],
        phones=["0912345678"],
        sms_text="Hồ sơ đã được tiếp nhận",
        topic="dossier.accepted",
        reference="H44-261122-0001",
    )
    assert [n.channel for n in sent] == ["email", "sms"] and all(n.delivered for n in sent)
    assert mail.outbox[0].to == ["a@example.vn"] and mail.outbox[0].subject == "Hồ sơ đã được tiếp nhận"
    assert MemoryBackend.outbox == [SmsMessage("0912345678", "Hồ sơ đã được tiếp nhận")]
    assert Notification.objects.filter(reference="H44-261122-0001").count() == 2


class BrokenBackend(MemoryBackend):
    def send(self, message: SmsMessage) -> bool:
        raise ConnectionError("nhà mạng không phản hồi")


def test_a_failing_provider_is_recorded_not_raised(settings):
    settings.SMS_BACKEND = f"{__name__}.BrokenBackend"
    [row] = notify(subject="Nhắc hạn", body="…", phones=["0912345678"])
    assert row.delivered is False and "không phản hồi" in row.error


def test_logging_backend_writes_the_message(caplog):
    with caplog.at_level(logging.INFO, logger="motcua.sms"):
        assert LoggingBackend().send(SmsMessage("0987654321", "Xin chào"))
    assert "0987654321" in caplog.text and "Xin chào" in caplog.text
    assert send_sms("", "không gửi") is False
