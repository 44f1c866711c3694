"""SMS interface. ``settings.SMS_BACKEND`` names the backend class; a provider plugs in a subclass.

The default :class:`LoggingBackend` only writes the message to the log (no provider contract is
assumed); tests use :class:`MemoryBackend` and read ``MemoryBackend.outbox``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
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


def get_backend() -> BaseBackend:
    backend_class = import_string(settings.SMS_BACKEND)
    return backend_class()


def send_sms(phone: str, text: str) -> bool:
    if not phone:
        return False
    return get_backend().send(SmsMessage(phone=phone, text=text))
