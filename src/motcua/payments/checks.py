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


@register(Tags.security, deploy=True)
def vnpay_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """VNPAY chosen without its terminal's keys, or the simulator (with its published key) left on."""
    errors = []
    if settings.PAYMENT_VNPAY_SIMULATOR:
        errors.append(
            Error(
                "PAYMENT_VNPAY_SIMULATOR is on: the simulated VNPAY and its published key are served.",
                hint="Turn it off outside development and demos.",
                id="motcua.payments.E002",
            )
        )
    elif settings.PAYMENT_GATEWAY == "vnpay" and not (
        settings.PAYMENT_VNPAY_TMN_CODE and settings.PAYMENT_VNPAY_HASH_SECRET
    ):
        errors.append(
            Error(
                "PAYMENT_GATEWAY is vnpay without PAYMENT_VNPAY_TMN_CODE and PAYMENT_VNPAY_HASH_SECRET.",
                hint="Set the terminal code and hash secret VNPAY gave the collecting unit.",
                id="motcua.payments.E003",
            )
        )
    return errors
