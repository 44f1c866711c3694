"""Sandbox adapter of the payment-gateway port."""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from urllib.parse import urlencode

from django.urls import reverse

from motcua.payments.gateways.sandbox import signing
from motcua.payments.gateways.sandbox.models import SandboxTransaction
from motcua.payments.interface import (
    CheckoutRequest,
    GatewayOutcome,
    GatewayResult,
    InvalidCallback,
    PaymentGateway,
)

CALLBACK_FIELDS = ("ref", "status", "amount", "txn", "ts", "n")


class SandboxGateway(PaymentGateway):
    name = "sandbox"
    label = "Cổng thanh toán thử nghiệm"

    def checkout_url(self, request: CheckoutRequest) -> str:
        params = signing.signed(
            {
                "ref": request.reference,
                "amount": str(request.amount_vnd),
                "desc": request.description,
                "callback": request.callback_url,
            }
        )
        return f"{reverse('sandbox_payments:checkout')}?{urlencode(params)}"

    def parse_callback(self, params: Mapping[str, str]) -> GatewayResult:
        missing = [field for field in (*CALLBACK_FIELDS, signing.SIGNATURE_FIELD) if not params.get(field)]
        if missing:
            raise InvalidCallback(
                "Thông báo từ cổng thanh toán thiếu thông tin.", fields={f: ["Thiếu"] for f in missing}
            )
        data = {field: params[field] for field in CALLBACK_FIELDS}
        data[signing.SIGNATURE_FIELD] = params[signing.SIGNATURE_FIELD]
        if not signing.verify(data):
            raise InvalidCallback("Chữ ký của thông báo thanh toán không hợp lệ.", code="invalid_signature")
        try:
            outcome = GatewayOutcome(data["status"])
            amount = int(data["amount"])
            signed_at = int(data["ts"])
        except ValueError as exc:
            raise InvalidCallback("Thông báo từ cổng thanh toán không hợp lệ.") from exc
        return GatewayResult(
            reference=data["ref"],
            outcome=outcome,
            amount_vnd=amount,
            transaction_id=data["txn"],
            notice_id=data["n"][:64],
            signed_at=signed_at,
        )

    def query(self, reference: str) -> GatewayResult | None:
        transaction = SandboxTransaction.objects.filter(reference=reference).first()
        if transaction is None:
            return None
        return GatewayResult(
            reference=transaction.reference,
            outcome=GatewayOutcome(transaction.outcome),
            amount_vnd=transaction.amount_vnd,
            transaction_id=transaction.transaction_id,
        )

    @staticmethod
    def callback_params(transaction: SandboxTransaction, *, now: float | None = None) -> dict[str, str]:
        """The signed parameters the sandbox sends back to the merchant for this transaction: with the
        signing moment and a notice id of their own, so that a notice sent again is known as a replay."""
        return signing.signed(
            {
                "ref": transaction.reference,
                "status": transaction.outcome,
                "amount": str(transaction.amount_vnd),
                "txn": transaction.transaction_id,
                "ts": str(int(now if now is not None else time.time())),
                "n": secrets.token_hex(12),
            }
        )
