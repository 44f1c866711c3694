"""The VNPAY terminal's settings, or the local simulator's when ``PAYMENT_VNPAY_SIMULATOR`` is on."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

# The simulator's terminal: published with the source, so it signs nothing outside the simulator.
SIMULATOR_TMN_CODE = "MOTCUA01"
SIMULATOR_SECRET = "vnpay-simulator-secret-not-for-production"  # noqa: S105 - the simulator's published key


@dataclass(frozen=True)
class VnpayConfig:
    tmn_code: str
    secret: str
    payment_url: str
    api_url: str
    statement_url: str  # with {date}; empty when VNPAY's statement is imported as a file
    timeout: float

    def __repr__(self) -> str:  # never print the secret (error pages, logs)
        return f"VnpayConfig(tmn_code={self.tmn_code!r}, payment_url={self.payment_url!r})"


def current() -> VnpayConfig:
    if settings.PAYMENT_VNPAY_SIMULATOR:
        return VnpayConfig(
            tmn_code=settings.PAYMENT_VNPAY_TMN_CODE or SIMULATOR_TMN_CODE,
            secret=settings.PAYMENT_VNPAY_HASH_SECRET or SIMULATOR_SECRET,
            payment_url=reverse("vnpay_simulator:pay"),
            api_url=reverse("vnpay_simulator:api"),
            statement_url=reverse("vnpay_simulator:statement", args=["0000-00-00"]).replace("0000-00-00", "{date}"),
            timeout=float(settings.PAYMENT_VNPAY_TIMEOUT_SECONDS),
        )
    if not settings.PAYMENT_VNPAY_TMN_CODE or not settings.PAYMENT_VNPAY_HASH_SECRET:
        raise ImproperlyConfigured("Set PAYMENT_VNPAY_TMN_CODE and PAYMENT_VNPAY_HASH_SECRET to use VNPAY.")
    return VnpayConfig(
        tmn_code=settings.PAYMENT_VNPAY_TMN_CODE,
        secret=settings.PAYMENT_VNPAY_HASH_SECRET,
        payment_url=settings.PAYMENT_VNPAY_PAYMENT_URL,
        api_url=settings.PAYMENT_VNPAY_API_URL,
        statement_url=settings.PAYMENT_VNPAY_STATEMENT_URL,
        timeout=float(settings.PAYMENT_VNPAY_TIMEOUT_SECONDS),
    )
