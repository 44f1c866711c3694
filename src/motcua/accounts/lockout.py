"""Sign-in lockout, shared by the officials' sign-in page (back office) and the citizens' (portal).

After ``LOGIN_LOCKOUT_ATTEMPTS`` failed sign-ins for the same user name from the same IP address
within ``LOGIN_LOCKOUT_WINDOW_MINUTES``, further attempts from that pair are refused for
``LOGIN_LOCKOUT_MINUTES`` without checking the password (so guessing cannot continue while locked).

State lives in Django's cache, not the database: it is short-lived, needs no migration and no
audit trail. The default local-memory cache is per process, so a deployment that runs several
web processes must point ``CACHE_URL`` at a shared cache (Redis, or a file cache on one host),
otherwise each process counts failures on its own.

The key is the folded user name plus the IP address: a wrong password typed from the office
does not lock the same account at another office, and ``NguyenVanA`` and ``nguyenvana`` count
together.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from motcua.core.text import fold

# The prefix predates the move to accounts; kept so that counters and locks survive an upgrade.
_PREFIX = "backoffice:login-lockout:"


@dataclass(frozen=True)
class LockoutPolicy:
    attempts: int
    window: timedelta
    lock_for: timedelta


def policy() -> LockoutPolicy:
    return LockoutPolicy(
        attempts=settings.LOGIN_LOCKOUT_ATTEMPTS,
        window=timedelta(minutes=settings.LOGIN_LOCKOUT_WINDOW_MINUTES),
        lock_for=timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES),
    )


def _key(username: str, ip: str) -> str:
    # Hashed so that arbitrary user input never reaches cache backends with key restrictions.
    digest = hashlib.sha256(f"{fold(username)}|{ip}".encode()).hexdigest()
    return _PREFIX + digest


def _load(key: str) -> dict[str, object]:
    state = cache.get(key)
    return state if isinstance(state, dict) else {}


def locked_until(username: str, ip: str, *, now: datetime | None = None) -> datetime | None:
    """When the lock on this user name and IP ends, or ``None`` if attempts are allowed now."""
    now = now or timezone.now()
    until = _load(_key(username, ip)).get("locked_until")
    if isinstance(until, datetime) and until > now:
        return until
    return None


def register_failure(username: str, ip: str, *, now: datetime | None = None) -> datetime | None:
    """Count a failed sign-in; returns the end of the lock if this failure triggered one."""
    now = now or timezone.now()
    rules = policy()
    key = _key(username, ip)
    state = _load(key)
    raw = state.get("failures")
    failures = [moment for moment in (raw if isinstance(raw, list) else []) if moment > now - rules.window]
    failures.append(now)
    if len(failures) >= rules.attempts:
        until = now + rules.lock_for
        cache.set(key, {"failures": [], "locked_until": until}, timeout=int(rules.lock_for.total_seconds()) + 60)
        return until
    cache.set(key, {"failures": failures}, timeout=int(rules.window.total_seconds()) + 60)
    return None


def remaining_attempts(username: str, ip: str, *, now: datetime | None = None) -> int:
    now = now or timezone.now()
    rules = policy()
    raw = _load(_key(username, ip)).get("failures")
    recent = [moment for moment in (raw if isinstance(raw, list) else []) if moment > now - rules.window]
    return max(rules.attempts - len(recent), 0)


def reset(username: str, ip: str) -> None:
    """Forget failures after a successful sign-in."""
    cache.delete(_key(username, ip))
