"""Writes of the payments context. Every change of a Payment goes through these functions.

Gateways are untrusted and repeat themselves: a callback is applied only after its signature is
verified (by the adapter), for the exact amount, and at most once; repeats change nothing.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.payments.constants import PaymentState
from motcua.payments.differences import flag_paid_twice
from motcua.payments.exceptions import AlreadyPaid, InvalidAmount, InvalidCallback
from motcua.payments.gateway import get_gateway
from motcua.payments.hooks import dispatch_paid
from motcua.payments.interface import CheckoutRequest, GatewayOutcome, GatewayResult
from motcua.payments.models import Payment, PaymentEvent

logger = logging.getLogger(__name__)

OUTCOME_STATE = {
    GatewayOutcome.SUCCEEDED: PaymentState.PAID,
    GatewayOutcome.FAILED: PaymentState.FAILED,
    GatewayOutcome.CANCELLED: PaymentState.CANCELLED,
}


def _event(payment: Payment, action: str, *, actor: Any = None, note: str = "", **data: Any) -> None:
    PaymentEvent.objects.create(
        payment=payment, occurred_at=timezone.now(), actor=actor, action=action, note=note, data=data
    )


def _new_reference(now: datetime) -> str:
    return f"TT{timezone.localtime(now):%Y%m%d}{secrets.token_hex(5).upper()}"


@transaction.atomic
def start_payment(
    *,
    amount_vnd: int,
    description: str,
    callback_url: str,
    actor: Any,
    return_url: str = "",
    subject: str = "",
    gateway_name: str | None = None,
    client_ip: str = "",
) -> tuple[Payment, str]:
    """Open a payment attempt; returns it and the gateway URL to send the payer to."""
    if amount_vnd <= 0:
        raise InvalidAmount("Số tiền thanh toán phải lớn hơn 0.")
    if subject and Payment.objects.filter(subject=subject, state=PaymentState.PAID).exists():
        raise AlreadyPaid("Khoản phí này đã được thanh toán.")
    gateway = get_gateway(gateway_name)
    payer = actor if getattr(actor, "is_authenticated", False) else None
    payment = Payment.objects.create(
        reference=_new_reference(timezone.now()),
        gateway=gateway.name,
        amount_vnd=amount_vnd,
        description=description[:255],
        payer=payer,
        subject=subject,
        return_url=return_url,
    )
    _event(payment, "started", actor=payer, amount_vnd=amount_vnd, gateway=gateway.name)
    url = gateway.checkout_url(
        CheckoutRequest(
            reference=payment.reference,
            amount_vnd=amount_vnd,
            description=payment.description,
            callback_url=callback_url,
            created_at=payment.created_at,
            client_ip=client_ip,
        )
    )
    return payment, url


@transaction.atomic
def apply_gateway_result(
    result: GatewayResult, *, gateway: str, actor: Any = None, source: str = "callback"
) -> Payment:
    """Apply a verified gateway statement to its payment, idempotently.

    - pending → paid / failed / cancelled;
    - the same statement again changes nothing (an event notes the repeat);
    - a contradicting statement about a closed payment changes nothing and is logged for review.
    """
    payment = Payment.objects.select_for_update().filter(reference=result.reference).first()
    # A gateway speaks only for its own payments: a sandbox notice never confirms a real payment.
    if payment is None or payment.gateway != gateway:
        raise InvalidCallback("Không tìm thấy giao dịch thanh toán.", code="unknown_payment")
    if result.amount_vnd != payment.amount_vnd:
        logger.warning("Payment %s: gateway amount %s differs", payment.reference, result.amount_vnd)
        raise InvalidCallback("Số tiền trong thông báo thanh toán không khớp.", code="amount_mismatch")
    new_state = OUTCOME_STATE[result.outcome]
    # An attempt we closed as expired but that the payer did pay (late): the money was taken, so it is recorded.
    paid_late = payment.state == PaymentState.EXPIRED and new_state == PaymentState.PAID
    if payment.is_final and not paid_late:
        same = payment.state == new_state and (
            not payment.gateway_transaction_id or payment.gateway_transaction_id == result.transaction_id
        )
        action = "repeated_notice" if same else "conflicting_notice"
        if not same:
            logger.warning("Payment %s is %s; gateway now says %s", payment.reference, payment.state, new_state)
        _event(payment, action, actor=actor, source=source, outcome=result.outcome.value, txn=result.transaction_id)
        if same and payment.state == PaymentState.PAID and not _paid_already(payment):
            dispatch_paid(payment)  # idempotent: completes what a failed handler left undone
        return payment
    now = timezone.now()
    twice = new_state == PaymentState.PAID and _paid_already(payment)
    payment.state = new_state
    payment.gateway_transaction_id = result.transaction_id
    payment.gateway_message = result.message[:255]
    payment.closed_at = now
    if new_state == PaymentState.PAID:
        payment.paid_at = now
        payment.receipt_number = f"BL{payment.reference[2:]}"
    payment.save()
    _event(payment, new_state, actor=actor, source=source, txn=result.transaction_id)
    if twice:
        # The fee was already paid by another attempt: the money is recorded here and flagged for an
        # officer (refund through the gateway, or a reason), never credited to the subject a second time.
        logger.warning("Payment %s pays subject %s a second time", payment.reference, payment.subject)
        _event(payment, "paid_twice", actor=actor, source=source)
        flag_paid_twice(payment)
    elif new_state == PaymentState.PAID:
        dispatch_paid(payment)
    return payment


def _paid_already(payment: Payment) -> bool:
    if not payment.subject:
        return False
    others = Payment.objects.filter(subject=payment.subject, state=PaymentState.PAID).exclude(pk=payment.pk)
    return others.exists()


@transaction.atomic
def expire_payment(payment: Payment, *, actor: Any = None) -> Payment:
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.is_final:
        return payment
    payment.state = PaymentState.EXPIRED
    payment.closed_at = timezone.now()
    payment.save(update_fields=["state", "closed_at", "updated_at"])
    _event(payment, "expired", actor=actor)
    return payment


@dataclass
class ReconciliationReport:
    checked: int = 0
    updated: dict[str, int] = field(default_factory=dict)
    still_pending: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, state: str) -> None:
        self.updated[state] = self.updated.get(state, 0) + 1


def reconcile_pending(*, older_than: timedelta, actor: Any = None) -> ReconciliationReport:
    """Ask the gateway about payments left pending (lost callbacks) and apply what it says.

    A payment the gateway knows nothing about is closed as expired after PAYMENT_PENDING_EXPIRY_MINUTES.
    Each payment is its own transaction, so one failure does not undo the others.
    """
    now = timezone.now()
    expiry = timedelta(minutes=settings.PAYMENT_PENDING_EXPIRY_MINUTES)
    report = ReconciliationReport()
    pending = Payment.objects.filter(state=PaymentState.PENDING, created_at__lte=now - older_than).order_by("pk")
    for payment in pending:
        report.checked += 1
        try:
            result = get_gateway(payment.gateway).query(payment.reference)
            if result is not None:
                updated = apply_gateway_result(result, gateway=payment.gateway, actor=actor, source="reconciliation")
                report.count(updated.state)
            elif payment.created_at <= now - expiry:
                report.count(expire_payment(payment, actor=actor).state)
            else:
                report.still_pending += 1
        except InvalidCallback as exc:
            report.errors.append(f"{payment.reference}: {exc.message}")
    return report
