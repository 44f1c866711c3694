"""API clients for tests: ``make_client(user, scopes=[...])`` returns the client and its key."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from motcua.integrations.constants import Scope
from motcua.integrations.models import ApiClient
from motcua.integrations.services import create_api_client


def make_client(
    user: Any, *, scopes: list[str] | None = None, rate: int = 60, **overrides: Any
) -> tuple[ApiClient, str]:
    fields: dict[str, Any] = {
        "name": "Cổng dịch vụ công quốc gia",
        "organisation": "Văn phòng Chính phủ",
        "scopes": scopes if scopes is not None else [Scope.DOSSIERS_READ],
        "expires_at": timezone.now() + datetime.timedelta(days=90),
        "rate_limit_per_minute": rate,
    }
    fields.update(overrides)
    return create_api_client(actor=None, user=user, **fields)
