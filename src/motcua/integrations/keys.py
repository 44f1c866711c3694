"""API keys: "<prefix>.<secret>". The prefix finds the row; only the SHA-256 of the whole key is stored.

Keys are 256 random bits, so a plain hash is enough (no password stretching needed).
"""

from __future__ import annotations

import hashlib
import secrets

from motcua.integrations.constants import PREFIX_BYTES, SECRET_BYTES


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh (prefix, key) pair."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    return prefix, f"{prefix}.{secrets.token_urlsafe(SECRET_BYTES)}"
