from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

RECEIVER_URL = "http://receiver.test/sync"


@pytest.fixture
def destination(settings: Any) -> str:
    settings.OUTBOX_DESTINATIONS = {"partner": {"url": RECEIVER_URL, "max_attempts": 3, "headers": {"X-Token": "t"}}}
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 10
    settings.OUTBOX_BACKOFF_CAP_SECONDS = 100
    settings.OUTBOX_LEASE_SECONDS = 30
    return "partner"


class Receiver:
    """An HTTP receiver in memory: answers what it is told to, keeps every request."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.answers: list[Callable[[httpx.Request], httpx.Response]] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.answers:
            return self.answers.pop(0)(request)
        return httpx.Response(200, json={"error_code": 0, "message": "Thành công"})

    def then(self, status: int, body: Any = None) -> Receiver:
        self.answers.append(lambda request: httpx.Response(status, json=body if body is not None else {}))
        return self

    def then_raise(self, error: Exception) -> Receiver:
        def fail(request: httpx.Request) -> httpx.Response:
            raise error

        self.answers.append(fail)
        return self

    def keys(self) -> list[str]:
        return [r.headers["Idempotency-Key"] for r in self.requests]


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
def http(receiver: Receiver) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(receiver.handle))
