"""Checks of the outbox's settings (``manage.py check``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def lease_outlasts_a_delivery(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """A lease shorter than a delivery would let a second worker send a message still being sent."""
    if settings.OUTBOX_LEASE_SECONDS <= settings.OUTBOX_TIMEOUT_SECONDS:
        return [
            Error(
                "OUTBOX_LEASE_SECONDS must be longer than OUTBOX_TIMEOUT_SECONDS.",
                hint="Keep the lease a few times the HTTP timeout (defaults: 60 and 10 seconds).",
                id="motcua.outbox.E001",
            )
        ]
    return []
