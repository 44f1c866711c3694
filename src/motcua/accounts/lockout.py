"""One sign-in lockout policy for every sign-in surface, enforced by django-axes.

The portal (``/dang-nhap/``), the back office (``/can-bo/dang-nhap/``), Django's admin and the
recovery of a password by SMS code all count failures in the same counters. Axes' backend sits
first in ``AUTHENTICATION_BACKENDS``, so any ``authenticate(request, …)`` call is refused while
locked, without checking the password (guessing cannot go on while locked).

The policy:

- after ``LOGIN_LOCKOUT_ATTEMPTS`` failed sign-ins for one **account** from one IP address, further
  attempts for that account from that address are refused for ``LOGIN_LOCKOUT_MINUTES``;
- failures are forgotten ``LOGIN_LOCKOUT_MINUTES`` after the last one, and a successful sign-in
  forgets them at once;
- the identifier typed is resolved to the account first (user name in any letter case, e-mail, phone
  number in any spelling: ``0912…``, ``+84 912…``, dots, spaces, full-width digits), so every spelling and
  the e-mail and phone of one account share one counter;
- an identifier without an account is counted by its canonical spelling in the same way, so a locked
  response never tells whether an account exists;
- one address failing ``LOGIN_LOCKOUT_ADDRESS_ATTEMPTS`` times, whatever the accounts, is refused every
  sign-in for ``LOGIN_LOCKOUT_MINUTES`` (``LockoutHandler``).

State lives in Django's cache (``CACHE_URL``): short-lived, no migration. Several web processes need a
shared cache, otherwise each process counts on its own. The counters are keyed by an opaque account
key (``account:<id>``) or a hash of the unknown identifier: no phone number or e-mail address ends up
in the cache keys or in axes' log lines.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.cache import AxesCacheHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cache, get_client_cache_keys
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from motcua.accounts.auth_backends import canonical_identifier, find_account
from motcua.accounts.validators import InvalidApplicantData, normalise_phone
from motcua.core import clientaddr
from motcua.core.text import fold

_LOCK_END_PREFIX = "motcua:lockout-end:"


def _spelling_key(text: str) -> str:
    try:
        return normalise_phone(text)
    except InvalidApplicantData:
        return fold(text)


def account_key(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """Axes' user name: the account the identifier resolves to, or a hash of its canonical spelling."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    text = canonical_identifier(str(raw or ""))
    # Axes asks several times per request; the answer is remembered on the request, not looked up again.
    known: dict[str, str] = getattr(request, "_lockout_account_keys", {})
    if text not in known:
        account = find_account(text)
        if account is not None:
            known[text] = f"account:{account.pk}"
        else:
            known[text] = "unknown:" + hashlib.sha256(_spelling_key(text).encode()).hexdigest()[:32]
        if request is not None:
            request._lockout_account_keys = known  # type: ignore[attr-defined]
    return known[text]


def client_ip(request: HttpRequest) -> str:
    # Only what the trusted proxies report (core.clientaddr): a client-written X-Forwarded-For
    # would let an attacker pick a fresh "IP" for every guess.
    return clientaddr.client_ip(request) or "unknown"


def failure_limit(request: HttpRequest | None = None, credentials: dict[str, Any] | None = None) -> int:
    return int(settings.LOGIN_LOCKOUT_ATTEMPTS)


def cool_off(request: HttpRequest | None = None) -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def address_limit() -> int:
    return int(settings.LOGIN_LOCKOUT_ADDRESS_ATTEMPTS)


def _address_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()
    return f"motcua:lockout-address:{digest}"


class LockoutHandler(AxesCacheHandler):
    """Axes' cache handler (per account and address) plus one counter per address over every identifier.

    The second counter stops one address from trying a password on many accounts (credential stuffing,
    password spraying), which per-account counting never sees. It counts in a fixed window of
    ``LOGIN_LOCKOUT_MINUTES`` from the first failure, so a large office behind one address, with the
    occasional typo spread over the day, never reaches ``LOGIN_LOCKOUT_ADDRESS_ATTEMPTS``. It applies to
    known and unknown identifiers alike, so it tells nothing about which accounts exist.
    """

    def is_locked(self, request: Any, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        limit = address_limit()
        return bool(limit) and int(self.cache.get(_address_key(request), 0)) >= limit

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
        refused_while_locked = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or refused_while_locked or not address_limit():
            return
        key, lock_for = _address_key(request), cool_off(request)
        timeout = int(lock_for.total_seconds())
        failures = 1 if self.cache.add(key, 1, timeout=timeout) else self.cache.incr(key)
        if failures >= address_limit() and not request.axes_locked_out:
            request.axes_locked_out = True
            request.axes_credentials = credentials
            self.cache.add(_LOCK_END_PREFIX + key, timezone.now() + lock_for, timeout=timeout)


# --- Helpers for sign-in flows that do not go through ``authenticate`` (codes sent by SMS) ----------


def _credentials(identifier: str) -> dict[str, Any]:
    return {"username": identifier}


def is_locked(request: HttpRequest, identifier: str) -> bool:
    return not AxesProxyHandler.is_allowed(request, _credentials(identifier))


def register_failure(request: HttpRequest, identifier: str) -> None:
    """Count a failed proof of identity (a wrong password, a wrong recovery code) for this account."""
    user_login_failed.send(sender=__name__, credentials=_credentials(identifier), request=request)


def remaining_attempts(request: HttpRequest, identifier: str) -> int:
    failures = AxesProxyHandler.get_failures(request, _credentials(identifier))
    return max(failure_limit() - failures, 0)


def reset(request: HttpRequest, identifier: str) -> None:
    """Forget this account's failures from this address (after a successful proof of identity)."""
    store = get_cache()
    for key in get_client_cache_keys(request, _credentials(identifier)):
        store.delete(key)
        store.delete(_LOCK_END_PREFIX + key)


def locked_until(request: HttpRequest, credentials: dict[str, Any] | None = None) -> datetime | None:
    """When the lock on the account named in the request (or ``credentials``) ends, if it is locked."""
    store = get_cache()
    keys = [*get_client_cache_keys(request, credentials), _address_key(request)]
    ends = [store.get(_LOCK_END_PREFIX + key) for key in keys]
    known = [end for end in ends if isinstance(end, datetime) and end > timezone.now()]
    return max(known) if known else None


@receiver(user_locked_out)
def _remember_lock_end(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    # Axes' cache handler keeps only a counter; the end of the lock is kept beside it to tell people when
    # they may try again. ``add`` keeps the first end: attempts while locked do not extend the lock.
    credentials = getattr(request, "axes_credentials", None)
    lock_for = cool_off(request)
    until = timezone.now() + lock_for
    store = get_cache()
    for key in get_client_cache_keys(request, credentials):
        store.add(_LOCK_END_PREFIX + key, until, timeout=int(lock_for.total_seconds()))
