"""What every payment gateway adapter exchanges with the payments service (plain data, no Django models).

Real gateways (the national payment platform, VNPay, …) implement :class:`PaymentGateway` in
``payments/gateways/<name>/`` and are chosen by the ``PAYMENT_GATEWAY`` setting.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
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
    # The moment the attempt was opened (a gateway that asks for it later in its status query must
    # be given the same value) and the payer's address, which some gateways require.
    created_at: datetime | None = None
    client_ip: str = ""


@dataclass(frozen=True)
class GatewayResult:
    """A verified statement of the gateway about one transaction (from a callback or a status query)."""

    reference: str
    outcome: GatewayOutcome
    amount_vnd: int
    transaction_id: str
    message: str = ""
    # A server notification's own id and signing moment (Unix seconds), when the gateway's protocol has
    # them: what lets a replay be told from a first notice (``notices.claim``).
    notice_id: str = ""
    signed_at: int | None = None


@dataclass(frozen=True)
class RefundRequest:
    """Give back ``amount_vnd`` of a paid transaction (all of it or part of it)."""

    reference: str
    transaction_id: str
    amount_vnd: int
    paid_amount_vnd: int
    created_at: datetime
    requested_by: str
    reason: str


@dataclass(frozen=True)
class RefundResult:
    accepted: bool
    refund_id: str
    message: str = ""


class StatementKind(StrEnum):
    PAYMENT = "payment"
    REFUND = "refund"


@dataclass(frozen=True)
class StatementLine:
    """One successful transaction of the gateway's daily statement (what the gateway says it holds)."""

    reference: str
    transaction_id: str
    amount_vnd: int
    moment: datetime
    kind: StatementKind = StatementKind.PAYMENT


class InvalidCallback(DomainError):
    """The callback is not signed by the gateway or is malformed: it must change nothing."""

    code = "invalid_payment_callback"


class GatewayUnavailable(DomainError):
    """The gateway cannot be reached or does not offer this operation: nothing changed on our side."""

    code = "gateway_unavailable"


class PaymentGateway(abc.ABC):
    """Port for an online payment gateway. ``refund`` and ``statement`` are optional operations."""

    name: str
    label: str
    supports_refund: bool = False

    @abc.abstractmethod
    def checkout_url(self, request: CheckoutRequest) -> str:
        """Where to send the payer's browser to pay."""

    @abc.abstractmethod
    def parse_callback(self, params: Mapping[str, str]) -> GatewayResult:
        """Verify and decode a callback (browser return or server notification); raise InvalidCallback."""

    @abc.abstractmethod
    def query(self, reference: str) -> GatewayResult | None:
        """Ask the gateway about a transaction (reconciliation); None when it knows no outcome yet."""

    def refund(self, request: RefundRequest) -> RefundResult:
        """Ask the gateway to give money back to the payer (gateways that support it)."""
        raise GatewayUnavailable("Cổng thanh toán này không hỗ trợ hoàn tiền trực tuyến.", code="refund_unsupported")

    def statement(self, day: date) -> list[StatementLine]:
        """The gateway's successful transactions of one day (Vietnam time), for reconciliation."""
        raise GatewayUnavailable("Cổng thanh toán này không cung cấp bảng kê giao dịch.", code="statement_unsupported")

    def parse_statement(self, text: str) -> list[StatementLine]:
        """Read a statement file downloaded from the gateway's merchant site."""
        raise GatewayUnavailable("Cổng thanh toán này không cung cấp bảng kê giao dịch.", code="statement_unsupported")
