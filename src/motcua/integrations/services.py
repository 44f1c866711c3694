"""Writes on API clients: create, rotate the key, revoke. Each is atomic and audited.

The key is returned to the caller once (to show to the administrator) and never stored: only its
hash is kept (``integrations.keys``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.integrations.constants import LAST_USED_RESOLUTION_SECONDS, SCOPES
from motcua.integrations.keys import hash_key, new_key
from motcua.integrations.models import ApiClient, ApiClientEvent


def _record(client: ApiClient, action: str, *, actor: Any, data: dict[str, Any] | None = None) -> None:
    ApiClientEvent.objects.create(
        client=client, action=action, actor=actor, occurred_at=timezone.now(), data=data or {}
    )


def _check_scopes(scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - SCOPES)
    if unknown or not scopes:
        message = "Phạm vi không hợp lệ: " + ", ".join(unknown) if unknown else "Chọn ít nhất một phạm vi."
        raise DomainError(message, code="invalid", fields={"scopes": [message]})
    return sorted(set(scopes))


def _check_expiry(expires_at: datetime.datetime) -> None:
    if expires_at <= timezone.now():
        message = "Thời điểm hết hạn phải ở tương lai."
        raise DomainError(message, code="invalid", fields={"expires_at": [message]})


def _check_rate(rate_limit_per_minute: int) -> None:
    if rate_limit_per_minute < 1:
        message = "Giới hạn phải từ 1 yêu cầu mỗi phút."
        raise DomainError(message, code="invalid", fields={"rate_limit_per_minute": [message]})


def validate_client_fields(
    *, scopes: list[str], expires_at: datetime.datetime, rate_limit_per_minute: int
) -> list[str]:
    """The rules on what a client may be given; returns the scopes, sorted and without repeats."""
    _check_expiry(expires_at)
    _check_rate(rate_limit_per_minute)
    return _check_scopes(scopes)


@transaction.atomic
def create_api_client(
    *,
    actor: Any,
    name: str,
    organisation: str,
    user: Any,
    scopes: list[str],
    expires_at: datetime.datetime,
    rate_limit_per_minute: int = 60,
) -> tuple[ApiClient, str]:
    """Register a system; returns it with its key, which is shown once and cannot be read again."""
    scopes = validate_client_fields(scopes=scopes, expires_at=expires_at, rate_limit_per_minute=rate_limit_per_minute)
    prefix, key = new_key()
    client = ApiClient.objects.create(
        name=name.strip(),
        organisation=organisation.strip(),
        user=user,
        scopes=scopes,
        key_prefix=prefix,
        key_hash=hash_key(key),
        expires_at=expires_at,
        rate_limit_per_minute=rate_limit_per_minute,
        created_at=timezone.now(),
    )
    _record(client, "api_client_created", actor=actor, data={"scopes": client.scopes, "prefix": prefix})
    return client, key


@transaction.atomic
def update_api_client(
    client: ApiClient,
    *,
    actor: Any,
    scopes: list[str],
    expires_at: datetime.datetime,
    rate_limit_per_minute: int,
) -> ApiClient:
    """Change what a client may do, until when and how fast; the key stays the same."""
    scopes = validate_client_fields(scopes=scopes, expires_at=expires_at, rate_limit_per_minute=rate_limit_per_minute)
    before = {
        "scopes": client.scopes,
        "expires_at": client.expires_at.isoformat(),
        "rate": client.rate_limit_per_minute,
    }
    client.scopes = scopes
    client.expires_at = expires_at
    client.rate_limit_per_minute = rate_limit_per_minute
    client.save(update_fields=["scopes", "expires_at", "rate_limit_per_minute"])
    after = {"scopes": client.scopes, "expires_at": expires_at.isoformat(), "rate": rate_limit_per_minute}
    _record(client, "api_client_updated", actor=actor, data={"before": before, "after": after})
    return client


@transaction.atomic
def rotate_api_client_key(client: ApiClient, *, actor: Any) -> str:
    """Replace the key: the old one stops working at once. Returns the new key (shown once)."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        raise DomainError("Hệ thống đã bị thu hồi quyền kết nối.", code="api_client_revoked")
    old_prefix = client.key_prefix
    client.key_prefix, key = new_key()
    client.key_hash = hash_key(key)
    client.save(update_fields=["key_prefix", "key_hash"])
    _record(client, "api_client_key_rotated", actor=actor, data={"old_prefix": old_prefix, "prefix": client.key_prefix})
    return key


@transaction.atomic
def revoke_api_client(client: ApiClient, *, actor: Any, reason: str = "") -> ApiClient:
    """Stop a client for good (a new client is created to resume); revoking twice changes nothing."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        _record(client, "api_client_revoked", actor=actor, data={"reason": reason})
    return client


def note_use(client: ApiClient, moment: datetime.datetime) -> None:
    """Bookkeeping, not a change of the client: at most one write per client per resolution period."""
    stale = moment - datetime.timedelta(seconds=LAST_USED_RESOLUTION_SECONDS)
    if client.last_used_at is None or client.last_used_at < stale:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=moment)
        client.last_used_at = moment
