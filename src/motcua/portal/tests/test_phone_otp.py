"""Portal pages of one-time codes by SMS: phone verification, password recovery by phone."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.http import HttpRequest  # the sign-in lockout needs the request
from django.urls import reverse

from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory
from motcua.notifications.sms import MemoryBackend

pytestmark = pytest.mark.django_db(transaction=True)  # codes leave by SMS on commit

PHONE = "0912345678"
NEW_PASSWORD = "HoaSen#2026moi"


@pytest.fixture(autouse=True)
def _clean():
    MemoryBackend.outbox.clear()
    cache.clear()  # IP throttle and lockout counters
    yield
    MemoryBackend.outbox.clear()
    cache.clear()


@pytest.fixture
def phone_only():
    return UserFactory(username=PHONE, phone=PHONE, email="")


def _code() -> str:
    return re.search(r"\b(\d{6})\b", MemoryBackend.outbox[-1].text).group(1)  # type: ignore[union-attr]


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def _ask(client, phone=PHONE):
    return client.post(reverse("portal:password_reset_phone"), {"phone": phone})


def _reset(client, code, password=NEW_PASSWORD):
    data = {"code": code, "password1": password, "password2": password, "action": "reset"}
    return client.post(reverse("portal:password_reset_phone_confirm"), data)


def test_registering_with_a_phone_sends_a_code_and_asks_for_it(client):
    data = {
        "full_name": "Nguyễn Thị Lan",
        "phone": PHONE,
        "email": "",
        "password1": "HoaSen#2026",
        "password2": "HoaSen#2026",
    }
    response = client.post(reverse("portal:register"), data)
    assert response.status_code == 302 and response.url.startswith(reverse("portal:verify_phone"))
    assert MemoryBackend.outbox[-1].phone == PHONE
    response = client.post(reverse("portal:verify_phone"), {"code": _code(), "action": "confirm"})
    assert response.status_code == 302 and response.url == reverse("portal:profile")
    assert User.objects.get(username=PHONE).phone_verified_at is not None
    assert "Số điện thoại đã được xác minh" in client.get(reverse("portal:profile")).content.decode()


def test_the_profile_offers_verification_and_a_wrong_code_is_refused(client, phone_only):
    client.force_login(phone_only)
    page = client.get(reverse("portal:profile")).content.decode()
    assert reverse("portal:verify_phone") in page and "chưa được xác minh" in page
    client.post(reverse("portal:verify_phone"), {"action": "send"})
    response = client.post(reverse("portal:verify_phone"), {"code": _wrong(_code()), "action": "confirm"})
    assert response.status_code == 200
    assert "Mã xác nhận không đúng hoặc đã hết hạn" in response.content.decode()
    phone_only.refresh_from_db()
    assert phone_only.phone_verified_at is None


def test_recovery_by_phone_sets_a_new_password(client, phone_only):
    response = _ask(client, "+84 912 345 678")
    assert response.status_code == 302 and response.url == reverse("portal:password_reset_phone_confirm")
    response = _reset(client, _code())
    assert response.status_code == 302 and response.url == reverse("portal:login")
    assert client.login(request=HttpRequest(), username=PHONE, password=NEW_PASSWORD)


def test_recovery_answers_the_same_for_an_unknown_phone(client, phone_only):
    unknown = _ask(client, "0900000000")
    assert MemoryBackend.outbox == []
    page_unknown = client.get(unknown.url).content.decode()
    refused_unknown = _reset(client, "123456").content.decode()
    other = client.__class__()
    known = _ask(other, PHONE)
    assert known.url == unknown.url
    page_known = other.get(known.url).content.decode()
    assert _without_tokens(page_unknown.replace("090****000", "091****678")) == _without_tokens(page_known)
    refused_known = _reset(other, _wrong(_code())).content.decode()
    message = "Mã xác nhận không đúng hoặc đã hết hạn"
    assert message in refused_unknown and message in refused_known


def test_entering_wrong_codes_locks_the_phone_for_this_address(client, phone_only, settings):
    settings.LOGIN_LOCKOUT_ATTEMPTS = 3
    _ask(client)
    code = _code()
    for _ in range(3):
        _reset(client, _wrong(code))
    response = _reset(client, code)
    assert response.status_code == 429
    phone_only.refresh_from_db()
    assert not phone_only.check_password(NEW_PASSWORD)


def test_asking_for_codes_is_throttled_per_address(client, phone_only):
    for _ in range(5):
        assert _ask(client).status_code == 302
    assert _ask(client).status_code == 429


def test_the_confirm_page_needs_a_phone_first(client):
    response = client.get(reverse("portal:password_reset_phone_confirm"))
    assert response.status_code == 302 and response.url == reverse("portal:password_reset_phone")
