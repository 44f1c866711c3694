"""Two-factor sign-in of officials: an authenticator app (TOTP) and recovery codes.

Who must give a second factor is a setting per role (``TWO_FACTOR_REQUIRED_ROLES``; ``superuser`` stands
for superusers); an official who set one up of their own accord is asked for it too, or it would add
nothing. The authenticator secret is a django-otp ``TOTPDevice``, unconfirmed until the holder types a
first code from it. Recovery codes are a ``StaticDevice`` whose tokens are keyed hashes (HMAC with
``SECRET_KEY``), never the codes: they are shown once, each works once, and a new set replaces the old.

Wrong codes are slowed down per account by django-otp's throttling (1, 2, 4, 8 … seconds between tries
on the same device); the sign-in page also ends a session after ``TWO_FACTOR_MAX_ATTEMPTS`` wrong codes.
Every set-up, recovery-code use, regeneration, failure and reset is an ``AccountEvent``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from base64 import b32encode
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import AccountEvent, User
from motcua.accounts.selectors import memberships_for
from motcua.core.exceptions import DomainError

RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed from paper
RECOVERY_CODE_LENGTH = 10
SUPERUSER = "superuser"
DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã khôi phục"


class CodeRejected(DomainError):
    code = "two_factor_invalid"


class TooManyTries(DomainError):
    code = "two_factor_throttled"
    status = 429


def _record(action: str, user: User, *, actor: Any = None, **data: object) -> None:
    AccountEvent.objects.create(action=action, actor=actor, user=user, occurred_at=timezone.now(), data=data)


# --- Who must give a second factor --------------------------------------------------------


def required_by_role(user: Any) -> bool:
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if not required or not user.is_authenticated:
        return False
    if user.is_superuser and SUPERUSER in required:
        return True
    return memberships_for(user).filter(role__in=required).exists()


def authenticator(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_required(user: Any) -> bool:
    """Whether ``user`` must give a second factor after the password."""
    return required_by_role(user) or (user.is_authenticated and authenticator(user) is not None)


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- Set-up ---------------------------------------------------------------------------------


@transaction.atomic
def start_setup(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (a new secret unless one is already pending)."""
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if pending is not None:
        return pending
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan a QR code."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm_setup(user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending authenticator with its first code; return it and a fresh set of recovery codes."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise CodeRejected("Chưa bắt đầu thiết lập xác thực hai bước. Vui lòng tải lại trang.")
    _check_allowed(device)
    # Outside the transaction below: a wrong code's throttle count and audit event must stay written.
    if not device.verify_token(_digits(code)):
        _record("two_factor_failed", user, step="setup")
        raise CodeRejected(
            "Mã xác thực không đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiển thị trong ứng dụng."
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        _record("two_factor_enabled", user, actor=user)
    return device, codes


# --- Verification after the password -------------------------------------------------------


def verify(user: User, code: str) -> Device:
    """The device that accepts ``code``: a 6-digit authenticator code or an unused recovery code."""
    digits = _digits(code)
    if len(digits) == 6 and digits == code.strip().replace(" ", ""):
        device: Device | None = authenticator(user)
        token = digits
        kind = "authenticator"
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        token = recovery_hash(user, code)
        kind = "recovery_code"
    if device is None:
        _record("two_factor_failed", user, kind=kind)
        raise CodeRejected("Mã xác thực không đúng.")
    _check_allowed(device)
    # No surrounding transaction: a wrong code's throttle count and audit event must stay written.
    if not device.verify_token(token):
        _record("two_factor_failed", user, kind=kind)
        raise CodeRejected("Mã xác thực không đúng.")
    if kind == "recovery_code":
        _record("two_factor_recovery_code_used", user, actor=user, left=recovery_codes_left(user))
    return device


def _check_allowed(device: Device) -> None:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        until = (details or {}).get("locked_until")
        seconds = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 60
        raise TooManyTries(f"Nhập sai nhiều lần liên tiếp. Vui lòng chờ {seconds} giây rồi thử lại.")


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isascii() and ch.isdigit())


# --- Recovery codes -------------------------------------------------------------------------


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch in RECOVERY_ALPHABET)


def recovery_hash(user: User, code: str) -> str:
    """The stored form of a recovery code: 16 hex digits of an HMAC keyed with ``SECRET_KEY``."""
    message = f"{user.pk}|recovery|{normalise_recovery_code(code)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        StaticToken.objects.create(device=device, token=recovery_hash(user, raw))
    return codes


@transaction.atomic
def regenerate_recovery_codes(user: User) -> list[str]:
    """A new set of recovery codes; the previous ones stop working."""
    if authenticator(user) is None:
        raise DomainError("Chưa thiết lập xác thực hai bước.", code="two_factor_not_set_up")
    codes = _new_recovery_codes(user)
    _record("two_factor_recovery_codes_regenerated", user, actor=user)
    return codes


# --- Reset by an administrator ---------------------------------------------------------------


@transaction.atomic
def reset(user: User, *, actor: Any) -> None:
    """Remove ``user``'s authenticator and recovery codes (lost phone): they set it up again at next sign-in.

    The caller has authorised ``actor`` to manage ``user``.
    """
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    _record("two_factor_reset", user, actor=actor, removed=removed)
