"""Deployment checks of the payments context (``manage.py check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

DEVELOPMENT_SANDBOX_SECRET = "sandbox-development-secret"  # noqa: S105 - the marker the check refuses


@register(Tags.security, deploy=True)
def sandbox_secret_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Anyone knowing the published development key could confirm sandbox payments."""
    if settings.PAYMENT_GATEWAY == "sandbox" and settings.PAYMENT_SANDBOX_SECRET == DEVELOPMENT_SANDBOX_SECRET:
        return [
            Error(
                "PAYMENT_SANDBOX_SECRET still has its development value.",
                hint="Set PAYMENT_SANDBOX_SECRET to a long random value, or configure a real PAYMENT_GATEWAY.",
                id="motcua.payments.E001",
            )
        ]
    return []
