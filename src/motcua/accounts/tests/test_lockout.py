"""The one sign-in lockout policy (django-axes, ``accounts.lockout``): per account whichever way it is
typed, on every sign-in surface (portal, back office, Django admin). The lockout answers themselves are
tested in ``api/tests/test_lockout_response.py``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, RequestFactory

from motcua.accounts import lockout
from motcua.accounts.auth_backends import canonical_identifier, find_account
from motcua.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
START = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội, a Monday
PORTAL, BACKOFFICE, ADMIN = "/dang-nhap/", "/can-bo/dang-nhap/", "/admin/login/"
# Twelve ways of typing one phone number, the e-mail of the same account among them.
SPELLINGS = [
    "0912345678",
    "+84912345678",
    "+84 912 345 678",
    "0084912345678",
    "0912.345.678",
    "0912 345 678",
    "0912-345-678",
    "(+84) 912-345-678",
    " 0912345678 ",
    "０９１２３４５６７８",  # full-width digits
    "0912\u200b345678",  # a zero-width space
    "Lan@Example.VN",
]


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    # The counters live in the cache; the local-memory cache outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen() -> Any:
    return UserFactory(username="lan", phone="0912345678", email="lan@example.vn")


def _post(client: Client, url: str, username: str, password: str, **extra: Any) -> Any:
    return client.post(url, {"username": username, "password": password}, **extra)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_resolves_to_the_account(citizen: Any, typed: str) -> None:
    assert find_account(typed) == citizen


def test_identifiers_are_made_canonical() -> None:
    assert canonical_identifier("\u200f０９１２ ٣٤٥ ６７８\u200e") == "0912 345 678"


def test_a_locked_phone_refuses_every_other_spelling_and_the_email(client: Client, citizen: Any, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ATTEMPTS = 3
    for typed in SPELLINGS[:3]:
        _post(client, PORTAL, typed, "sai")
    for typed in SPELLINGS:
        response = _post(client, PORTAL, typed, TEST_PASSWORD)
        assert response.status_code == 429, typed
        assert not _signed_in(client)


def test_failures_by_email_and_by_phone_count_together(client: Client, citizen: Any, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ATTEMPTS = 2
    assert _post(client, PORTAL, "lan@example.vn", "sai").status_code == 200
    assert _post(client, PORTAL, "+84 912 345 678", "sai").status_code == 429
    assert _post(client, PORTAL, "lan", TEST_PASSWORD).status_code == 429


def test_the_admin_login_locks(client: Client) -> None:
    admin = UserFactory(superuser=True)
    for _ in range(4):
        assert _post(client, ADMIN, admin.username, "sai").status_code == 200
    response = _post(client, ADMIN, admin.username, "sai")
    assert response.status_code == 429
    assert "tạm bị khóa đăng nhập" in response.content.decode()
    for _ in range(5):
        assert _post(client, ADMIN, admin.username, TEST_PASSWORD).status_code == 429
    assert not _signed_in(client)


def test_one_counter_across_portal_back_office_and_admin(client: Client, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ATTEMPTS = 3
    official = UserFactory(username="canbo", superuser=True)
    _post(client, PORTAL, official.email, "sai")
    _post(client, BACKOFFICE, "CANBO", "sai")
    _post(client, ADMIN, official.username, "sai")
    for url in (PORTAL, BACKOFFICE, ADMIN):
        assert _post(client, url, official.username, TEST_PASSWORD).status_code == 429
    assert not _signed_in(client)


def test_the_lock_ends_after_the_configured_minutes_and_counts_per_address(client: Client, citizen: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(5):
            _post(client, PORTAL, "0912345678", "sai", REMOTE_ADDR="10.0.0.1")
        locked = _post(client, PORTAL, "0912345678", TEST_PASSWORD, REMOTE_ADDR="10.0.0.1")
        assert locked.status_code == 429
        assert "đến 09:15" in locked.content.decode()
        assert locked["Retry-After"] == "900"
        # Another office is not locked out by someone else's typing.
        assert _post(client, PORTAL, "0912345678", TEST_PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302
        client.logout()
        traveller.shift(timedelta(minutes=14))
        assert _post(client, PORTAL, "0912345678", TEST_PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429
        traveller.shift(timedelta(minutes=2))
        assert _post(client, PORTAL, "0912345678", TEST_PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302


def test_unknown_identifiers_are_counted_per_address_like_accounts(client: Client, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ATTEMPTS = 2
    _post(client, PORTAL, "0987654321", "sai")
    # Another spelling of the same unknown number: locked, exactly as an account would be.
    assert _post(client, PORTAL, "+84 987 654 321", "sai").status_code == 429
    assert _post(client, PORTAL, "0987654321", "sai", REMOTE_ADDR="10.9.9.9").status_code == 200


def test_success_forgets_the_failures(client: Client, citizen: Any, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ATTEMPTS = 3
    _post(client, PORTAL, "0912345678", "sai")
    _post(client, PORTAL, "0912345678", "sai")
    assert _post(client, PORTAL, "lan@example.vn", TEST_PASSWORD).status_code == 302
    client.logout()
    _post(client, PORTAL, "0912345678", "sai")
    assert _post(client, PORTAL, "0912345678", "sai").status_code == 200


def test_counter_helpers_follow_the_account(rf: RequestFactory, citizen: Any, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ATTEMPTS = 3
    request = rf.post(PORTAL, REMOTE_ADDR="10.0.0.1")
    lockout.register_failure(request, "0912 345 678")
    assert lockout.remaining_attempts(request, "LAN") == 2
    lockout.register_failure(request, "lan@example.vn")
    lockout.register_failure(request, "+84912345678")
    assert lockout.is_locked(request, "lan")
    assert lockout.locked_until(request, {"username": "0912345678"}) is not None
    lockout.reset(request, "lan")
    assert not lockout.is_locked(request, "0912345678")


def test_one_address_trying_many_accounts_is_locked_for_all(client: Client, citizen: Any, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ADDRESS_ATTEMPTS = 4
    official = UserFactory(username="canbo")
    for typed in ("khong-co-1", "khong-co-2", "canbo", "0912345678"):
        _post(client, PORTAL, typed, "Mat-khau-chung-2026")
    assert _post(client, PORTAL, "lan@example.vn", TEST_PASSWORD).status_code == 429
    assert _post(client, BACKOFFICE, official.username, TEST_PASSWORD).status_code == 429
    assert not _signed_in(client)
    assert _post(client, PORTAL, "lan@example.vn", TEST_PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_the_address_counter_can_be_turned_off(client: Client, citizen: Any, settings: Any) -> None:
    settings.LOGIN_LOCKOUT_ADDRESS_ATTEMPTS = 0
    for n in range(8):
        _post(client, PORTAL, f"khong-co-{n}", "sai")
    assert _post(client, PORTAL, "lan@example.vn", TEST_PASSWORD).status_code == 302


def test_the_admin_answers_a_citizens_right_password_like_a_wrong_one(
    client: Client, citizen: Any, settings: Any
) -> None:
    settings.LOGIN_LOCKOUT_ATTEMPTS = 2
    right = _post(client, ADMIN, "lan", TEST_PASSWORD)
    UserFactory(username="lan2")
    wrong = _post(client, ADMIN, "lan2", "sai")
    assert right.status_code == wrong.status_code == 200
    assert right.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()
    # Counted like a wrong password: the second right password of the citizen meets the lock.
    assert _post(client, ADMIN, "lan", TEST_PASSWORD).status_code == 429
    assert not _signed_in(client)
