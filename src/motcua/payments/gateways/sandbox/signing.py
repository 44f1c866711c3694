"""HMAC-SHA256 signatures over a canonical form of the parameters (sorted ``key=value`` lines)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from django.conf import settings

from motcua.payments.checks import DEVELOPMENT_SANDBOX_SECRET

SIGNATURE_FIELD = "sig"


def _canonical(params: Mapping[str, str]) -> bytes:
    lines = [f"{key}={params[key]}" for key in sorted(params) if key != SIGNATURE_FIELD]
    return "\n".join(lines).encode()


def sign(params: Mapping[str, str], secret: str | None = None) -> str:
    key = (secret if secret is not None else settings.PAYMENT_SANDBOX_SECRET).encode()
    return hmac.new(key, _canonical(params), hashlib.sha256).hexdigest()


def verify(params: Mapping[str, str], secret: str | None = None) -> bool:
    key = secret if secret is not None else settings.PAYMENT_SANDBOX_SECRET
    if getattr(settings, "PRODUCTION", False) and key == DEVELOPMENT_SANDBOX_SECRET:
        # The development key is published with the source: anyone could sign a "paid" callback.
        return False
    given = params.get(SIGNATURE_FIELD, "")
    return bool(given) and hmac.compare_digest(given, sign(params, key))


def signed(params: Mapping[str, str]) -> dict[str, str]:
    result = dict(params)
    result[SIGNATURE_FIELD] = sign(result)
    return result
