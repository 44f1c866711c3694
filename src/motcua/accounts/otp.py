"""One-time codes sent by SMS: verifying a citizen's phone, and recovering a password by phone.

A code is 6 digits, stored only as an HMAC keyed with ``SECRET_KEY`` (a leaked table gives no
codes), valid for ``OTP_TTL_MINUTES``, dead after ``OTP_MAX_ATTEMPTS`` wrong entries or once used.
A new code replaces the previous one of the same purpose; codes are sent at most every
``OTP_RESEND_SECONDS`` and ``OTP_DAILY_LIMIT`` times a day. Every issue, success and failure is
recorded as an ``AccountEvent`` (with the phone masked). The SMS leaves after the commit.

Recovery never tells whether a phone has an account: asking for a code answers the same either
way, and a wrong code, an unknown phone and an expired code fail with the same message.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import AccountEvent, CodePurpose, OneTimeCode, User
from motcua.accounts.services import check_password_strength
from motcua.core.exceptions import DomainError
from motcua.notifications.sms import send_sms

INVALID_CODE = "Mã xác nhận không đúng hoặc đã hết hạn. Vui lòng kiểm tra lại hoặc yêu cầu mã mới."


class CodeRejected(DomainError):
    code = "otp_invalid"


class TooSoon(DomainError):
    code = "otp_too_soon"
    status = 429


@dataclass(frozen=True)
class Issued:
    """What the caller may show: when the code expires. Never the code itself."""

    expires_at: datetime


def mask(phone: str) -> str:
    return f"{phone[:3]}****{phone[-3:]}" if len(phone) >= 7 else "****"


def _hash(code: str, user_id: int, purpose: str) -> str:
    message = f"{user_id}|{purpose}|{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _record(action: str, user: User, purpose: str, **data: object) -> None:
    AccountEvent.objects.create(
        action=action, actor=None, user=user, occurred_at=timezone.now(), data={"purpose": purpose, **data}
    )


def _sms_text(code: str, purpose: str) -> str:
    what = "xác minh số điện thoại" if purpose == CodePurpose.VERIFY_PHONE else "đặt lại mật khẩu"
    return (
        f"Mã xác nhận {what} trên Cổng dịch vụ công: {code}. "
        f"Hiệu lực {settings.OTP_TTL_MINUTES} phút. Không cung cấp mã này cho bất kỳ ai."
    )


def _check_rate(user: User, purpose: str, now: datetime) -> None:
    recent = OneTimeCode.objects.filter(user=user, purpose=purpose, created_at__gt=now - timedelta(days=1))
    latest = recent.order_by("-created_at").first()
    if latest is not None and latest.created_at > now - timedelta(seconds=settings.OTP_RESEND_SECONDS):
        wait = int((latest.created_at + timedelta(seconds=settings.OTP_RESEND_SECONDS) - now).total_seconds()) + 1
        raise TooSoon(f"Mã vừa được gửi. Vui lòng chờ {wait} giây rồi yêu cầu mã mới.")
    if recent.count() >= settings.OTP_DAILY_LIMIT:
        raise TooSoon("Đã gửi quá nhiều mã trong ngày. Vui lòng thử lại vào ngày mai hoặc liên hệ Bộ phận Một cửa.")


@transaction.atomic
def issue_code(user: User, purpose: str, *, now: datetime | None = None) -> Issued:
    """Send a new code for ``purpose`` to the account's phone; the previous one stops working."""
    now = now or timezone.now()
    if not user.phone:
        raise DomainError("Tài khoản chưa có số điện thoại.", code="no_phone", fields={"phone": ["Chưa có."]})
    User.objects.select_for_update().filter(pk=user.pk).first()  # one issue at a time per account
    _check_rate(user, purpose, now)
    OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(expires_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    expires_at = now + timedelta(minutes=settings.OTP_TTL_MINUTES)
    OneTimeCode.objects.create(
        user=user,
        purpose=purpose,
        phone=user.phone,
        code_hash=_hash(code, user.pk, purpose),
        created_at=now,
        expires_at=expires_at,
    )
    _record("otp_issued", user, purpose, phone=mask(user.phone))
    phone, text = user.phone, _sms_text(code, purpose)
    transaction.on_commit(lambda: send_sms(phone, text))
    return Issued(expires_at=expires_at)


def _consume(user: User, purpose: str, code: str, now: datetime) -> bool:
    """Check ``code`` against the account's live code; count a wrong entry. True when it matched."""
    live = (
        OneTimeCode.objects.select_for_update()
        .filter(user=user, purpose=purpose, phone=user.phone, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at")
        .first()
    )
    if live is None or live.attempts >= settings.OTP_MAX_ATTEMPTS:
        _record("otp_failed", user, purpose, reason="no_live_code")
        return False
    if not hmac.compare_digest(live.code_hash, _hash(code.strip(), user.pk, purpose)):
        live.attempts += 1
        live.save(update_fields=["attempts"])
        _record("otp_failed", user, purpose, reason="wrong_code", attempts=live.attempts)
        return False
    live.used_at = now
    live.save(update_fields=["used_at"])
    return True


def confirm_phone(user: User, code: str, *, now: datetime | None = None) -> User:
    """Mark the account's phone verified when ``code`` is the one just sent to it."""
    now = now or timezone.now()
    with transaction.atomic():
        ok = _consume(user, CodePurpose.VERIFY_PHONE, code, now)
        if ok:
            user.phone_verified_at = now
            user.save(update_fields=["phone_verified_at"])
            _record("phone_verified", user, CodePurpose.VERIFY_PHONE, phone=mask(user.phone))
    if not ok:  # raised outside the transaction so that the wrong entry stays counted
        raise CodeRejected(INVALID_CODE, fields={"code": [INVALID_CODE]})
    return user


def account_for_phone(phone: str) -> User | None:
    """The active account signing in with this (normalised) phone, if exactly one."""
    users = list(User.objects.filter(phone=phone, is_active=True)[:2]) if phone else []
    return users[0] if len(users) == 1 else None


def request_password_reset(phone: str, *, now: datetime | None = None) -> None:
    """Send a recovery code if ``phone`` belongs to an account; silent either way (no account, too soon)."""
    user = account_for_phone(phone)
    if user is None:
        return
    try:
        issue_code(user, CodePurpose.RESET_PASSWORD, now=now)
    except TooSoon:
        return  # answering differently would tell that the phone has an account


def reset_password(phone: str, code: str, new_password: str, *, now: datetime | None = None) -> User:
    """Set a new password when ``code`` is the recovery code sent to ``phone``; the phone is then verified."""
    now = now or timezone.now()
    # Checked against the phone only, before looking the account up: the answer must not depend on it.
    check_password_strength(new_password, User(username=phone, phone=phone))
    user = account_for_phone(phone)
    if user is None:
        raise CodeRejected(INVALID_CODE, fields={"code": [INVALID_CODE]})
    with transaction.atomic():
        ok = _consume(user, CodePurpose.RESET_PASSWORD, code, now)
        if ok:
            user.set_password(new_password)
            user.phone_verified_at = user.phone_verified_at or now
            user.save(update_fields=["password", "phone_verified_at"])
            _record("password_reset_by_phone", user, CodePurpose.RESET_PASSWORD, phone=mask(phone))
    if not ok:
        raise CodeRejected(INVALID_CODE, fields={"code": [INVALID_CODE]})
    return user
