"""A small fixed-window request counter per client IP, kept in Django's cache.

Used where anonymous visitors could otherwise enumerate data (dossier tracking by code).
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest

from motcua.core.clientaddr import client_ip

__all__ = ["client_ip", "hit"]


def hit(request: HttpRequest, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count one request; False once the client exceeded ``limit`` requests in the current window."""
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(f"{scope}|{client_ip(request)}|{window}".encode()).hexdigest()
    key = f"portal:throttle:{digest}"
    if cache.add(key, 1, timeout=window_seconds + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        return True
    return count <= limit
