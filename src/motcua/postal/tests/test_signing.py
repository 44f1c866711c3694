"""The inbound signature: pure functions, table-driven."""

from __future__ import annotations

import pytest

from motcua.postal import signing

SECRET = "s3cret"
BODY = b'{"EventId":"E1"}'


def test_sign_is_hmac_of_timestamp_and_body() -> None:
    # The documented example (docs/integration.md): the same inputs always give this header.
    header = signing.sign(SECRET, BODY, 1772416800)
    assert header.startswith("t=1772416800,v1=") and len(header.split("v1=")[1]) == 64


@pytest.mark.parametrize(
    ("header", "timestamp", "count"),
    [
        ("t=10,v1=aa", 10, 1),
        ("t=10,v1=aa,v1=bb", 10, 2),
        ("v1=aa", None, 1),
        ("t=x,v1=aa", None, 1),
        ("t=1,t=2,v1=aa", None, 1),
        ("", None, 0),
        ("garbage", None, 0),
    ],
)
def test_parse(header: str, timestamp: int | None, count: int) -> None:
    parsed_time, signatures = signing.parse(header)
    assert parsed_time == timestamp and len(signatures) == count


@pytest.mark.parametrize(
    ("secret", "body", "timestamp", "ok"),
    [
        (SECRET, BODY, 100, True),
        ("other", BODY, 100, False),  # forged with another key
        (SECRET, BODY + b" ", 100, False),  # body changed
        (SECRET, BODY, 101, False),  # timestamp changed
        ("", BODY, 100, False),  # no secret configured: nothing is authentic
    ],
)
def test_matches(secret: str, body: bytes, timestamp: int, ok: bool) -> None:
    good = signing.sign(SECRET, BODY, 100).split("v1=")[1]
    assert signing.matches(secret, body, timestamp, [good]) is ok


@pytest.mark.parametrize(
    ("timestamp", "now", "ok"), [(1000, 1000, True), (1000, 1300, True), (1000, 1301, False), (1301, 1000, False)]
)
def test_fresh(timestamp: int, now: float, ok: bool) -> None:
    assert signing.fresh(timestamp, now, 300) is ok
