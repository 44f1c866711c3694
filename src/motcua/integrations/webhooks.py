"""Partners' webhook subscriptions: the signature, the writes (subscribe, rotate the secret, stop) and
the outbox destination of each subscription (``webhook:<id>``).

The signature (header ``X-MotCua-Signature``) is ``t=<unix seconds>,v1=<hex>``, where the hex is
HMAC-SHA256 of ``"<t>.<body>"`` with the subscription's secret; while a rotated secret is still valid a
second ``v1=`` signs with it. A partner recomputes it, compares in constant time and refuses a timestamp
older than five minutes (a replayed delivery): :func:`verify` is that check.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.integrations.constants import WebhookEvent
from motcua.integrations.models import ApiClient, ApiClientEvent, WebhookSubscription
from motcua.outbox import destinations

SIGNATURE_HEADER = "X-MotCua-Signature"
TOLERANCE = timedelta(minutes=5)
EVENTS = frozenset(WebhookEvent.values)


def signature(secrets_: list[str], body: bytes, timestamp: int) -> str:
    signed = f"{timestamp}.".encode() + body
    parts = [f"t={timestamp}"]
    parts += [f"v1={hmac.new(s.encode(), signed, hashlib.sha256).hexdigest()}" for s in secrets_ if s]
    return ",".join(parts)


def verify(header: str, body: bytes, secret: str, *, now: datetime) -> bool:
    """The partner's check: one of the signatures matches ``secret`` and the timestamp is recent."""
    fields = [part.split("=", 1) for part in header.split(",") if "=" in part]
    stamps = [value for name, value in fields if name == "t"]
    if len(stamps) != 1 or not stamps[0].isdigit():
        return False
    timestamp = int(stamps[0])
    if abs(now.timestamp() - timestamp) > TOLERANCE.total_seconds():
        return False
    expected = signature([secret], body, timestamp).split(",v1=", 1)[1]
    return any(hmac.compare_digest(value, expected) for name, value in fields if name == "v1")


def signing_secrets(subscription: WebhookSubscription, now: datetime) -> list[str]:
    keep_previous = subscription.previous_secret_until is not None and now < subscription.previous_secret_until
    return [subscription.secret, *([subscription.previous_secret] if keep_previous else [])]


def _check(url: str, events: list[str]) -> list[str]:
    unknown = sorted(set(events) - EVENTS)
    if unknown or not events:
        message = "Sự kiện không hợp lệ: " + ", ".join(unknown) if unknown else "Chọn ít nhất một sự kiện."
        raise DomainError(message, code="invalid", fields={"events": [message]})
    if not url.startswith(("https://", "http://")):
        raise DomainError("Địa chỉ nhận phải là http(s).", code="invalid", fields={"url": ["Địa chỉ không hợp lệ."]})
    return sorted(set(events))


@transaction.atomic
def subscribe(client: ApiClient, *, actor: Any, url: str, events: list[str]) -> tuple[WebhookSubscription, str]:
    """A new subscription; returns it with its secret, to hand to the partner."""
    subscription = WebhookSubscription.objects.create(
        client=client,
        url=url.strip(),
        events=_check(url.strip(), events),
        secret=secrets.token_urlsafe(32),
        created_at=timezone.now(),
    )
    _record(
        subscription, "webhook_subscribed", actor=actor, data={"url": subscription.url, "events": subscription.events}
    )
    return subscription, subscription.secret


@transaction.atomic
def rotate_secret(subscription: WebhookSubscription, *, actor: Any, overlap_hours: int = 24) -> str:
    """A new secret; the previous one still signs for ``overlap_hours`` so the partner can switch."""
    locked = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    locked.previous_secret = locked.secret
    locked.previous_secret_until = timezone.now() + timedelta(hours=overlap_hours)
    locked.secret = secrets.token_urlsafe(32)
    locked.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    _record(locked, "webhook_secret_rotated", actor=actor, data={"overlap_hours": overlap_hours})
    return locked.secret


@transaction.atomic
def set_active(subscription: WebhookSubscription, *, actor: Any, active: bool) -> None:
    WebhookSubscription.objects.filter(pk=subscription.pk).update(active=active)
    _record(subscription, "webhook_resumed" if active else "webhook_stopped", actor=actor)


def _record(subscription: WebhookSubscription, action: str, *, actor: Any, data: dict[str, Any] | None = None) -> None:
    ApiClientEvent.objects.create(
        client=subscription.client,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=timezone.now(),
        data={"subscription": subscription.pk, **(data or {})},
    )


def subscriptions_for(event_types: set[str], now: datetime) -> list[WebhookSubscription]:
    """Active subscriptions of usable clients to any of ``event_types`` (filtered in Python: JSON lists)."""
    rows = WebhookSubscription.objects.filter(active=True, client__revoked_at__isnull=True, client__expires_at__gt=now)
    return [s for s in rows.select_related("client__user") if event_types & set(s.events)]


def resolve(ident: str) -> destinations.Destination | None:
    """The outbox destination ``webhook:<id>``: the subscription's address, signed at each sending."""
    subscription = WebhookSubscription.objects.filter(pk=int(ident) if ident.isdigit() else 0).first()
    if subscription is None or not subscription.active:
        return None

    def sign(body: bytes) -> dict[str, str]:
        now = timezone.now()
        return {SIGNATURE_HEADER: signature(signing_secrets(subscription, now), body, int(now.timestamp()))}

    return destinations.Destination(
        name=subscription.destination,
        url=subscription.url,
        max_attempts=settings.WEBHOOK_MAX_ATTEMPTS,
        signer=sign,
    )
