"""Delivering messages: claim a batch safely, send each, record the answer.

The three steps run in separate short transactions so that no database lock is held while a receiver
answers (or does not):

1. :func:`claim` picks due messages that are the oldest unsettled one of their stream (a later message
   waits while an earlier one is pending or dead), under ``SELECT … FOR UPDATE SKIP LOCKED`` on
   PostgreSQL (SQLite serialises writers instead), and leases them to this worker for
   ``OUTBOX_LEASE_SECONDS``;
2. :func:`send` posts the payload with its ``Idempotency-Key``;
3. :func:`settle` records the outcome, if the lease is still this worker's: delivered; retried after an
   exponential backoff with jitter; or dead after the destination's number of attempts or a refusal
   that no retry can change.

A worker killed between 1 and 3 leaves the message leased: once the lease passes, any worker sends it
again with the same key, and the receiver recognises it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from motcua.outbox import backoff, destinations
from motcua.outbox.constants import RESPONSE_KEPT, State
from motcua.outbox.models import Attempt, Message

logger = logging.getLogger(__name__)

# Answers after which the same request may succeed later; any other 4xx means the message itself is refused.
RETRYABLE_CLIENT_ERRORS = frozenset({408, 409, 425, 429})


@dataclass(frozen=True)
class Outcome:
    ok: bool
    permanent: bool = False
    status_code: int | None = None
    error: str = ""
    body: str = ""


def judge(status_code: int, body: str) -> Outcome:
    """What an HTTP answer means. A 2xx is an acknowledgement unless its JSON carries a non-zero
    ``error_code`` (the national portal answers 200 with ``{error_code, message}``): that is a refusal
    of the content, as is a 4xx, which no retry of the same message can change."""
    kept = body[:RESPONSE_KEPT]
    if 200 <= status_code < 300:
        refusal = _error_code_refusal(body)
        if refusal:
            return Outcome(False, permanent=True, status_code=status_code, error=refusal, body=kept)
        return Outcome(True, status_code=status_code, body=kept)
    permanent = 400 <= status_code < 500 and status_code not in RETRYABLE_CLIENT_ERRORS
    return Outcome(False, permanent=permanent, status_code=status_code, error=f"HTTP {status_code}: {kept}", body=kept)


def _error_code_refusal(body: str) -> str:
    try:
        answer = json.loads(body) if body else None
    except ValueError:
        return ""
    if not isinstance(answer, dict) or "error_code" not in answer:
        return ""
    if str(answer["error_code"]).strip() in {"0", ""}:
        return ""
    return f"error_code {answer['error_code']}: {answer.get('message', '')}"[:RESPONSE_KEPT]


def _head_of_stream() -> Any:
    earlier_unsettled = Message.objects.filter(
        destination=OuterRef("destination"), stream=OuterRef("stream"), pk__lt=OuterRef("pk")
    ).exclude(state=State.DELIVERED)
    return ~Exists(earlier_unsettled)


def claim(
    *, worker: str, now: datetime, limit: int = 20, lease_seconds: int | None = None, only: list[int] | None = None
) -> list[Message]:
    """Lease up to ``limit`` due messages, each the oldest unsettled message of its stream, to ``worker``
    (``only``: among these messages, for a tool that delivers some messages itself, like the demo)."""
    lease = timedelta(seconds=lease_seconds or settings.OUTBOX_LEASE_SECONDS)
    chosen = Message.objects.filter(pk__in=only) if only is not None else Message.objects.all()
    with transaction.atomic():
        candidates = list(
            chosen.select_for_update(skip_locked=True)
            .filter(state=State.PENDING, next_attempt_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
            .filter(_head_of_stream())
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        Message.objects.filter(pk__in=candidates).update(
            claimed_until=now + lease, claimed_by=worker, attempts=F("attempts") + 1, last_attempt_at=now
        )
    return list(Message.objects.filter(pk__in=candidates, claimed_by=worker).order_by("pk"))


def send(message: Message, destination: destinations.Destination, client: httpx.Client) -> Outcome:
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": message.idempotency_key,
        "X-Message-Kind": message.kind,
        **destination.headers,
    }
    body = json.dumps(message.payload, ensure_ascii=False).encode()
    try:
        # The signer may itself call the receiver (an operator's token): its failure is a failed attempt.
        if destination.signer is not None:
            headers |= destination.signer(body)
        response = client.post(destination.url, content=body, headers=headers)
    except httpx.HTTPError as error:
        return Outcome(False, error=f"{type(error).__name__}: {error}"[:RESPONSE_KEPT])
    return judge(response.status_code, response.text)


def settle(message: Message, outcome: Outcome, *, worker: str, started: datetime, now: datetime) -> bool:
    """Record the outcome of an attempt; False when the lease was lost meanwhile (another worker owns it)."""
    destination = destinations.get(message.destination)
    max_attempts = destination.max_attempts if destination else 1
    with transaction.atomic():
        locked = Message.objects.select_for_update().filter(pk=message.pk, claimed_by=worker).first()
        if locked is None or locked.state != State.PENDING:
            return False
        Attempt.objects.create(
            message=locked,
            number=locked.attempts,
            worker=worker,
            started_at=started,
            finished_at=now,
            status_code=outcome.status_code,
            ok=outcome.ok,
            error=outcome.error,
        )
        locked.last_status = outcome.status_code
        locked.claimed_until = None
        locked.claimed_by = ""
        if outcome.ok:
            locked.state, locked.delivered_at, locked.response, locked.last_error = (
                State.DELIVERED,
                now,
                outcome.body,
                "",
            )
        elif outcome.permanent or locked.attempts >= max_attempts:
            locked.state, locked.dead_at, locked.last_error, locked.response = (
                State.DEAD,
                now,
                outcome.error,
                outcome.body,
            )
        else:
            locked.last_error = outcome.error
            delay = backoff.delay_seconds(
                locked.attempts, base=settings.OUTBOX_BACKOFF_BASE_SECONDS, cap=settings.OUTBOX_BACKOFF_CAP_SECONDS
            )
            locked.next_attempt_at = now + timedelta(seconds=delay)
        locked.save()
    return True


def deliver_batch(*, worker: str, client: httpx.Client, limit: int = 20, now: Any = timezone.now) -> int:
    """Claim, send and settle one batch; the number of messages attempted. ``now``: the clock (a callable)."""
    batch = claim(worker=worker, now=now(), limit=limit)
    for message in batch:
        destination = destinations.get(message.destination)
        started = now()
        if destination is None or not destination.configured:
            outcome = Outcome(False, permanent=True, error=f"Hệ thống nhận “{message.destination}” chưa được cấu hình.")
        else:
            outcome = send(message, destination, client)
        if not settle(message, outcome, worker=worker, started=started, now=now()):
            logger.warning("outbox: lease of message %s lost before its outcome was recorded", message.pk)
    return len(batch)


def new_client() -> httpx.Client:
    return httpx.Client(timeout=settings.OUTBOX_TIMEOUT_SECONDS)
