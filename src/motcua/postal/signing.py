"""The signature of an inbound callback: ``t=<unix seconds>,v1=<hex>`` where the hex is HMAC-SHA256
of ``"<t>." + body`` with the shared secret (the same form as the webhooks this system sends, so one
recipe serves both directions). Pure functions; the time is an input."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Postal-Signature"


def sign(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def parse(header: str) -> tuple[int | None, list[str]]:
    """The timestamp (None when missing or not a number) and the ``v1`` signatures of a header."""
    fields = [part.strip().split("=", 1) for part in header.split(",") if "=" in part]
    stamps = [value for name, value in fields if name == "t"]
    timestamp = int(stamps[0]) if len(stamps) == 1 and stamps[0].isdigit() else None
    return timestamp, [value for name, value in fields if name == "v1"]


def matches(secret: str, body: bytes, timestamp: int, signatures: list[str]) -> bool:
    """Whether one of ``signatures`` is the body's signature with ``secret`` (constant-time compare)."""
    if not secret:
        return False
    expected = sign(secret, body, timestamp).split(",v1=", 1)[1]
    return any(hmac.compare_digest(value, expected) for value in signatures)


def fresh(timestamp: int, now_seconds: float, tolerance_seconds: int) -> bool:
    """Whether the signing time is within the window around now (a replay comes later than that)."""
    return abs(now_seconds - timestamp) <= tolerance_seconds
