"""Giving money back through the gateway (a fee paid twice, a payment the dossier did not need)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from motcua.core.exceptions import DomainError
from motcua.payments.constants import PaymentState
from motcua.payments.gateway import get_gateway
from motcua.payments.interface import RefundRequest
from motcua.payments.models import Payment
from motcua.payments.services import _event

logger = logging.getLogger(__name__)


@transaction.atomic
def refund_payment(payment: Payment, *, amount_vnd: int, reason: str, actor: Any) -> Payment:
    """Ask the payment's gateway to refund ``amount_vnd``; record it when the gateway accepts.

    The gateway is called under the payment's row lock, so two officers cannot refund it twice.
    """
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.state != PaymentState.PAID:
        raise DomainError("Chỉ hoàn tiền được cho giao dịch đã thanh toán.", code="invalid_status")
    refundable = payment.amount_vnd - payment.refunded_vnd
    if amount_vnd <= 0 or amount_vnd > refundable:
        raise DomainError(
            f"Số tiền hoàn phải lớn hơn 0 và không quá {refundable:,} đồng.".replace(",", "."),
            code="invalid",
            fields={"amount_vnd": []},
        )
    gateway = get_gateway(payment.gateway)
    answer = gateway.refund(
        RefundRequest(
            reference=payment.reference,
            transaction_id=payment.gateway_transaction_id,
            amount_vnd=amount_vnd,
            paid_amount_vnd=payment.amount_vnd,
            created_at=payment.created_at,
            requested_by=getattr(actor, "username", "") or "motcua",
            reason=reason,
        )
    )
    if not answer.accepted:
        logger.warning("Refund of %s refused by %s: %s", payment.reference, payment.gateway, answer.message)
        raise DomainError(f"Cổng thanh toán từ chối hoàn tiền: {answer.message}", code="refund_refused")
    payment.refunded_vnd += amount_vnd
    if payment.refunded_vnd >= payment.amount_vnd:
        payment.state = PaymentState.REFUNDED
    payment.save(update_fields=["refunded_vnd", "state", "updated_at"])
    _event(payment, "refunded", actor=actor, note=reason, amount_vnd=amount_vnd, refund_id=answer.refund_id)
    return payment
