"""The rule for every inbound callback: authentic (signature), fresh (timestamp window) and new
(event id never accepted before); each callback, accepted or refused, leaves a ``CallbackReceipt``.

:func:`check` runs inside the transaction that applies the callback: the accepted receipt (the used
event id) commits with what the callback changed, or not at all, so a callback whose processing
failed can be sent again. A refusal is written in its own transaction by :func:`record_refusal`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.db import IntegrityError, transaction

from motcua.postal import signing
from motcua.postal.exceptions import CallbackRefused
from motcua.postal.models import CallbackReceipt

MESSAGES = {
    "missing_signature": ("Thiếu chữ ký của thông báo.", 401),
    "bad_signature": ("Chữ ký của thông báo không hợp lệ.", 401),
    "stale": ("Thông báo đã quá thời hạn hiệu lực (thời điểm ký lệch quá xa).", 401),
    "replayed": ("Thông báo này đã được nhận trước đó.", 409),
    "malformed": ("Nội dung thông báo không đọc được.", 400),
    "unknown_order": ("Không có đơn bưu chính nào ứng với thông báo.", 404),
}


def refusal(reason: str) -> CallbackRefused:
    message, status = MESSAGES[reason]
    error = CallbackRefused(message, code=reason)
    error.status = status
    return error


def check(
    *, source: str, body: bytes, header: str, secret: str, now: datetime, tolerance_seconds: int, remote_addr: str = ""
) -> tuple[dict[str, Any], CallbackReceipt]:
    """The callback's JSON once it is proved authentic, fresh and new; raises :class:`CallbackRefused`."""
    timestamp, signatures = signing.parse(header or "")
    if timestamp is None or not signatures:
        raise refusal("missing_signature")
    if not signing.matches(secret, body, timestamp, signatures):
        raise refusal("bad_signature")
    if not signing.fresh(timestamp, now.timestamp(), tolerance_seconds):
        raise refusal("stale")
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    event_id = str(data.get("EventId", "")).strip() if isinstance(data, dict) else ""
    if not isinstance(data, dict) or not event_id:
        raise refusal("malformed")
    receipt = CallbackReceipt(
        source=source,
        event_id=event_id[:80],
        accepted=True,
        signed_at=datetime.fromtimestamp(timestamp, tz=UTC),
        received_at=now,
        remote_addr=remote_addr[:45],
        body_excerpt=body[:500].decode(errors="replace"),
    )
    try:
        with transaction.atomic():
            receipt.save()
    except IntegrityError:
        raise refusal("replayed") from None
    return data, receipt


def record_refusal(
    *, source: str, body: bytes, header: str, reason: str, now: datetime, remote_addr: str = ""
) -> CallbackReceipt:
    """Write down a refused callback (its own transaction: the refusal is kept whatever happens next)."""
    timestamp, _signatures = signing.parse(header or "")
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    event_id = str(data.get("EventId", "")) if isinstance(data, dict) else ""
    with transaction.atomic():
        return CallbackReceipt.objects.create(
            source=source,
            event_id=event_id[:80],
            accepted=False,
            reason=reason[:40],
            signed_at=_moment(timestamp),
            received_at=now,
            remote_addr=remote_addr[:45],
            body_excerpt=body[:500].decode(errors="replace"),
        )


def _moment(timestamp: int | None) -> datetime | None:
    if timestamp is None:
        return None
    try:
        return datetime.fromtimestamp(timestamp, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None  # a forged header's absurd time: kept in the excerpt, not as a date
