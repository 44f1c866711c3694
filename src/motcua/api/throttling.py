"""API throttles that count per client address as ``core.clientaddr`` determines it.

DRF's own ``get_ident`` believes ``X-Forwarded-For`` whenever ``NUM_PROXIES`` is unset; these use
the site's one rule instead (``TRUSTED_PROXY_COUNT``), which the settings also pass on as
``NUM_PROXIES`` so that any other DRF throttle agrees.
"""

from __future__ import annotations

from typing import Any

from rest_framework.throttling import ScopedRateThrottle

from motcua.core.clientaddr import client_ip


class ClientScopedRateThrottle(ScopedRateThrottle):
    def get_ident(self, request: Any) -> str:
        return client_ip(request)
