"""One-time codes by SMS: phone verification and password recovery by phone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.accounts import otp
from motcua.accounts.models import AccountEvent, CodePurpose, OneTimeCode
from motcua.accounts.services import update_user
from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError
from motcua.notifications.sms import MemoryBackend

pytestmark = pytest.mark.django_db(transaction=True)  # the SMS leaves on commit

PHONE = "0912345678"
NEW_PASSWORD = "HoaSen#2026moi"


@pytest.fixture(autouse=True)
def _empty_outbox():
    MemoryBackend.outbox.clear()
    yield
    MemoryBackend.outbox.clear()


@pytest.fixture
def citizen():
    return UserFactory(username=PHONE, phone=PHONE, email="")


def _sent_code() -> str:
    match = re.search(r"\b(\d{6})\b", MemoryBackend.outbox[-1].text)
    assert match, MemoryBackend.outbox[-1].text
    return match.group(1)


def test_a_six_digit_code_is_sent_and_only_its_hash_is_stored(citizen):
    issued = otp.issue_code(citizen, CodePurpose.VERIFY_PHONE)
    assert MemoryBackend.outbox[-1].phone == PHONE
    code = _sent_code()
    stored = OneTimeCode.objects.get()
    assert code not in stored.code_hash and len(stored.code_hash) == 64
    assert stored.expires_at == issued.expires_at
    assert timedelta(minutes=4) < issued.expires_at - timezone.now() <= timedelta(minutes=5)


def test_the_right_code_verifies_the_phone_once(citizen):
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE)
    code = _sent_code()
    otp.confirm_phone(citizen, code)
    citizen.refresh_from_db()
    assert citizen.phone_verified_at is not None
    assert AccountEvent.objects.filter(user=citizen, action="phone_verified").exists()
    with pytest.raises(otp.CodeRejected):
        otp.confirm_phone(citizen, code)  # used


def test_a_wrong_code_is_counted_and_the_code_dies_after_the_limit(citizen, settings):
    settings.OTP_MAX_ATTEMPTS = 3
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE)
    code = _sent_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(3):
        with pytest.raises(otp.CodeRejected):
            otp.confirm_phone(citizen, wrong)
    assert OneTimeCode.objects.get().attempts == 3
    with pytest.raises(otp.CodeRejected):
        otp.confirm_phone(citizen, code)  # right, but too late
    citizen.refresh_from_db()
    assert citizen.phone_verified_at is None
    assert AccountEvent.objects.filter(user=citizen, action="otp_failed").count() == 4


def test_an_expired_code_is_refused(citizen):
    start = timezone.now()
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE, now=start)
    with pytest.raises(otp.CodeRejected):
        otp.confirm_phone(citizen, _sent_code(), now=start + timedelta(minutes=5, seconds=1))


def test_resending_is_throttled_and_a_new_code_replaces_the_old(citizen):
    start = timezone.now()
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE, now=start)
    first = _sent_code()
    with pytest.raises(otp.TooSoon):
        otp.issue_code(citizen, CodePurpose.VERIFY_PHONE, now=start + timedelta(seconds=30))
    assert len(MemoryBackend.outbox) == 1
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE, now=start + timedelta(seconds=61))
    second = _sent_code()
    if second != first:
        with pytest.raises(otp.CodeRejected):
            otp.confirm_phone(citizen, first, now=start + timedelta(seconds=62))
    otp.confirm_phone(citizen, second, now=start + timedelta(seconds=63))


def test_codes_per_day_are_capped(citizen, settings):
    settings.OTP_DAILY_LIMIT = 2
    start = timezone.now()
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE, now=start)
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE, now=start + timedelta(minutes=2))
    with pytest.raises(otp.TooSoon):
        otp.issue_code(citizen, CodePurpose.VERIFY_PHONE, now=start + timedelta(minutes=4))


def test_changing_the_phone_clears_the_verification(citizen):
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE)
    otp.confirm_phone(citizen, _sent_code())
    update_user(citizen, actor=citizen, phone="0987654321")
    citizen.refresh_from_db()
    assert citizen.phone_verified_at is None


def test_a_code_sent_to_the_old_phone_does_not_verify_the_new_one(citizen):
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE)
    code = _sent_code()
    update_user(citizen, actor=citizen, phone="0987654321")
    with pytest.raises(otp.CodeRejected):
        otp.confirm_phone(citizen, code)


def test_password_recovery_by_phone(citizen):
    otp.request_password_reset(PHONE)
    otp.reset_password(PHONE, _sent_code(), NEW_PASSWORD)
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert citizen.phone_verified_at is not None
    event = AccountEvent.objects.get(user=citizen, action="password_reset_by_phone")
    assert PHONE not in str(event.data)  # masked


def test_recovery_does_not_tell_whether_a_phone_has_an_account(citizen):
    otp.request_password_reset("0900000000")  # no account: no error, no SMS
    assert MemoryBackend.outbox == []
    with pytest.raises(otp.CodeRejected) as unknown:
        otp.reset_password("0900000000", "123456", NEW_PASSWORD)
    otp.request_password_reset(PHONE)
    otp.request_password_reset(PHONE)  # too soon: silent as well
    assert len(MemoryBackend.outbox) == 1
    wrong = f"{(int(_sent_code()) + 1) % 10**6:06d}"
    with pytest.raises(otp.CodeRejected) as known:
        otp.reset_password(PHONE, wrong, NEW_PASSWORD)
    assert unknown.value.message == known.value.message
    with pytest.raises(DomainError) as weak_unknown:
        otp.reset_password("0900000000", "123456", "12345678")
    with pytest.raises(DomainError) as weak_known:
        otp.reset_password(PHONE, wrong, "12345678")
    assert weak_unknown.value.code == weak_known.value.code == "weak_password"
    citizen.refresh_from_db()
    assert not citizen.check_password(NEW_PASSWORD)


def test_a_verification_code_does_not_reset_the_password(citizen):
    otp.issue_code(citizen, CodePurpose.VERIFY_PHONE)
    with pytest.raises(otp.CodeRejected):
        otp.reset_password(PHONE, _sent_code(), NEW_PASSWORD)
