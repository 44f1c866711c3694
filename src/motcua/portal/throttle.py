"""A small fixed-window request counter per client IP or per target, kept in Django's cache.

Used where anonymous visitors could otherwise enumerate data (dossier tracking by code) or make the site
send messages in bulk (password reset links, sign-ups).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable

from django.core.cache import cache
from django.http import HttpRequest

from motcua.core.clientaddr import client_ip

__all__ = ["client_ip", "hit"]


def _count(scope: str, subject: str, *, limit: int, window_seconds: int) -> bool:
    window = int(time.time() // window_seconds)
    # Hashed: the subject may be an e-mail address or a phone number, which never reach the cache keys.
    digest = hashlib.sha256(f"{scope}|{subject}|{window}".encode()).hexdigest()
    key = f"portal:throttle:{digest}"
    if cache.add(key, 1, timeout=window_seconds + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        return True
    return count <= limit


def hit(request: HttpRequest, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count one request; False once the client exceeded ``limit`` requests in the current window."""
    return _count(scope, client_ip(request), limit=limit, window_seconds=window_seconds)


def hit_all(
    request: HttpRequest,
    scope: str,
    targets: Iterable[str],
    *,
    per_target: int,
    per_ip: int,
    window_seconds: int,
) -> bool:
    """Count one request for the client's IP and for each target (an address the site would write to);
    False once any of them exceeded its limit. Every target counts whether or not an account has it, so
    the answer never tells which addresses are registered."""
    allowed = hit(request, scope, limit=per_ip, window_seconds=window_seconds)
    for target in {target for target in targets if target}:
        allowed = _count(f"{scope}:target", target, limit=per_target, window_seconds=window_seconds) and allowed
    return allowed
