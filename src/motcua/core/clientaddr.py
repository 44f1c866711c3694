"""The address of the client that sent a request, as far as this site can trust it.

``X-Forwarded-For`` is written by whoever sends the request: trusting it lets a visitor pick a fresh
"address" for every request and escape every per-address limit. Only the entries appended by the
deployment's own reverse proxies can be believed, so the operator declares how many there are
(``TRUSTED_PROXY_COUNT``, default 0: the direct peer, ``REMOTE_ADDR``). With N trusted proxies the
client is the N-th address from the right of ``X-Forwarded-For`` (each proxy appends its peer).
Every per-address limit (throttles, lockouts, the API's throttles) uses this one function.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings


def client_ip(request: Any) -> str:
    """The client address, from ``REMOTE_ADDR`` and the entries added by the trusted proxies only."""
    meta = getattr(request, "META", {})
    remote = str(meta.get("REMOTE_ADDR") or "unknown")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if not forwarded:
        return remote
    # The rightmost ``proxies`` entries were written by our proxies; anything further left is the client's claim.
    return forwarded[-min(proxies, len(forwarded))]
