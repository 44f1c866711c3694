"""SMS interface. ``settings.SMS_BACKEND`` names the backend class; a provider plugs in a subclass.

The default :class:`LoggingBackend` only writes the message to the log (no provider contract is
assumed); a demo can use :class:`FileBackend` (one line per message in ``settings.SMS_FILE_PATH``);
tests use :class:`MemoryBackend` and read ``MemoryBackend.outbox``. None of them sends anything.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("motcua.sms")


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    text: str


class BaseBackend:
    """Send one SMS; return True when the provider accepted it."""

    def send(self, message: SmsMessage) -> bool:  # pragma: no cover - interface
        raise NotImplementedError


class LoggingBackend(BaseBackend):
    def send(self, message: SmsMessage) -> bool:
        logger.info("SMS to %s: %s", message.phone, message.text)
        return True


class MemoryBackend(BaseBackend):
    """Keeps messages in memory (class attribute, like Django's locmem mail outbox)."""

    outbox: ClassVar[list[SmsMessage]] = []

    def send(self, message: SmsMessage) -> bool:
        MemoryBackend.outbox.append(message)
        return True


class FileBackend(BaseBackend):
    """Appends each message to ``settings.SMS_FILE_PATH``, so a demo can read the codes it sends."""

    def send(self, message: SmsMessage) -> bool:
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as outbox:
            outbox.write(f"{datetime.now(UTC).isoformat(timespec='seconds')}\t{message.phone}\t{message.text}\n")
        return True


def get_backend() -> BaseBackend:
    backend_class = import_string(settings.SMS_BACKEND)
    return backend_class()


def send_sms(phone: str, text: str) -> bool:
    if not phone:
        return False
    return get_backend().send(SmsMessage(phone=phone, text=text))
