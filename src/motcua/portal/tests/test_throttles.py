"""Password-reset e-mails and sign-ups are throttled per address and per IP, the same for every address."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RESET = reverse("portal:password_reset")
REGISTER = reverse("portal:register")
MESSAGE = "Bạn đã gửi yêu cầu này quá nhiều lần trong một giờ"
PASSWORD = "Khai-Sinh-2026"


@pytest.fixture(autouse=True)
def _clean_cache_and_still_clock() -> Iterator[None]:
    # A still clock: the counters' fixed windows must not roll over in the middle of a test.
    cache.clear()
    with time_machine.travel(datetime(2026, 4, 6, 2, 10, tzinfo=UTC), tick=False):
        yield
    cache.clear()


def _reset(client: Client, email: str, ip: str = "10.0.0.1") -> Any:
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def _register(client: Client, n: int, ip: str = "10.0.0.1", **overrides: str) -> Any:
    data = {
        "full_name": "Nguyễn Thị Lan",
        "phone": f"09123456{n:02d}",
        "email": f"lan{n}@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    client.logout()
    return client.post(REGISTER, data, REMOTE_ADDR=ip)


def test_ten_reset_requests_for_one_address_send_three_emails(client: Client) -> None:
    UserFactory(email="lan@example.vn")
    statuses = [_reset(client, "lan@example.vn", ip=f"10.0.0.{n}").status_code for n in range(10)]
    assert statuses == [302] * 3 + [429] * 7
    assert len(mail.outbox) == 3
    refused = _reset(client, "LAN@example.vn", ip="10.0.1.1")
    assert refused.status_code == 429 and MESSAGE in refused.content.decode()


def test_an_unknown_address_is_throttled_exactly_like_a_known_one(client: Client) -> None:
    UserFactory(email="lan@example.vn")
    known = [_reset(client, "lan@example.vn").status_code for _ in range(4)]
    cache.clear()
    unknown = [_reset(client, "nobody@example.vn").status_code for _ in range(4)]
    assert known == unknown == [302, 302, 302, 429]


def test_reset_requests_are_throttled_per_ip(client: Client, settings: Any) -> None:
    settings.PASSWORD_RESET_PER_IP = 4
    statuses = [_reset(client, f"a{n}@example.vn").status_code for n in range(5)]
    assert statuses == [302] * 4 + [429]
    assert _reset(client, "a9@example.vn", ip="10.0.0.2").status_code == 302


def test_sign_ups_are_throttled_per_ip(client: Client, settings: Any) -> None:
    settings.REGISTER_PER_IP = 3
    statuses = [_register(client, n).status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert MESSAGE in _register(client, 5).content.decode()
    assert User.objects.filter(email__startswith="lan").count() == 3
    assert _register(client, 6, ip="10.0.0.2").status_code == 302


def test_sign_ups_are_throttled_per_phone_whatever_its_spelling(client: Client, settings: Any) -> None:
    settings.REGISTER_PER_ADDRESS = 2
    spellings = ["0912345699", "+84 912 345 699", "0912.345.699"]
    statuses = [_register(client, n, ip=f"10.0.0.{n}", phone=typed).status_code for n, typed in enumerate(spellings)]
    # The second sign-up is refused as a duplicate phone; the third is throttled before it is even tried.
    assert statuses[0] == 302 and statuses[1] == 200 and statuses[2] == 429
