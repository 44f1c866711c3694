"""Chooses the configured payment gateway adapter."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from motcua.payments.interface import PaymentGateway


def get_gateway(name: str | None = None) -> PaymentGateway:
    name = name or settings.PAYMENT_GATEWAY
    if name == "sandbox":
        from motcua.payments.gateways.sandbox.gateway import SandboxGateway

        return SandboxGateway()
    if name == "vnpay":
        from motcua.payments.gateways.vnpay.gateway import VnpayGateway

        return VnpayGateway()
    raise ImproperlyConfigured(f"Unknown PAYMENT_GATEWAY {name!r}; available: sandbox, vnpay.")
