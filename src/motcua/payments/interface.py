"""What every payment gateway adapter exchanges with the payments service (plain data, no Django models).

Real gateways (the national payment platform, VNPay, …) implement :class:`PaymentGateway` in
``payments/gateways/<name>/`` and are chosen by the ``PAYMENT_GATEWAY`` setting.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from motcua.core.exceptions import DomainError


class GatewayOutcome(StrEnum):
    """What the gateway says happened to a transaction."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class CheckoutRequest:
    """What the gateway needs to open its payment page."""

    reference: str
    amount_vnd: int
    description: str
    callback_url: str


@dataclass(frozen=True)
class GatewayResult:
    """A verified statement of the gateway about one transaction (from a callback or a status query)."""

    reference: str
    outcome: GatewayOutcome
    amount_vnd: int
    transaction_id: str
    message: str = ""


class InvalidCallback(DomainError):
    """The callback is not signed by the gateway or is malformed: it must change nothing."""

    code = "invalid_payment_callback"


class PaymentGateway(abc.ABC):
    """Port for an online payment gateway."""

    name: str
    label: str

    @abc.abstractmethod
    def checkout_url(self, request: CheckoutRequest) -> str:
        """Where to send the payer's browser to pay."""

    @abc.abstractmethod
    def parse_callback(self, params: Mapping[str, str]) -> GatewayResult:
        """Verify and decode a callback (browser return or server notification); raise InvalidCallback."""

    @abc.abstractmethod
    def query(self, reference: str) -> GatewayResult | None:
        """Ask the gateway about a transaction (reconciliation); None when it knows no outcome yet."""
