"""Reads on API clients: find the client a key belongs to."""

from __future__ import annotations

import datetime
import hmac

from motcua.integrations.keys import hash_key
from motcua.integrations.models import ApiClient


class KeyRefused(Exception):
    """The key is unknown, expired or revoked; ``reason`` says which (for logs, never for the caller)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def client_for_key(key: str, moment: datetime.datetime) -> ApiClient:
    """The usable client whose key this is, or ``KeyRefused``."""
    prefix, _, secret = key.partition(".")
    if not prefix or not secret:
        raise KeyRefused("malformed")
    client = ApiClient.objects.select_related("user").filter(key_prefix=prefix).first()
    # Compared in constant time, so response times do not reveal how much of a hash matched.
    if client is None or not hmac.compare_digest(client.key_hash, hash_key(key)):
        raise KeyRefused("unknown")
    if client.revoked_at is not None:
        raise KeyRefused("revoked")
    if moment >= client.expires_at:
        raise KeyRefused("expired")
    if not client.user.is_active:
        raise KeyRefused("inactive_user")
    return client
