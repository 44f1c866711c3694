"""Opening differences for an officer (reconciliation, a fee paid twice). Writes only rows of this app."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from motcua.payments.constants import DifferenceKind
from motcua.payments.models import Payment, ReconciliationDifference, ReconciliationEvent


def open_difference(
    *,
    gateway: str,
    day: date,
    kind: str,
    reference: str,
    payment: Payment | None = None,
    transaction_id: str = "",
    statement_amount_vnd: int | None = None,
    recorded_amount_vnd: int | None = None,
    note: str = "",
    actor: Any = None,
) -> tuple[ReconciliationDifference, bool]:
    """The difference of this kind for this reference, created once (a second run finds the first)."""
    difference, created = ReconciliationDifference.objects.get_or_create(
        gateway=gateway,
        kind=kind,
        reference=reference,
        defaults={
            "day": day,
            "payment": payment,
            "transaction_id": transaction_id,
            "statement_amount_vnd": statement_amount_vnd,
            "recorded_amount_vnd": recorded_amount_vnd,
            "note": note[:255],
        },
    )
    if created:
        ReconciliationEvent.objects.create(
            difference=difference,
            occurred_at=timezone.now(),
            actor=actor,
            action="found",
            data={"kind": kind, "reference": reference},
        )
    return difference, created


def flag_paid_twice(payment: Payment) -> ReconciliationDifference:
    """A second paid attempt for one subject: listed for an officer at once, not only at the next statement."""
    first = (
        Payment.objects.filter(subject=payment.subject, state="paid").exclude(pk=payment.pk).order_by("paid_at").first()
    )
    note = f"Đã thanh toán trước đó bằng giao dịch {first.reference}" if first else ""
    moment = payment.paid_at or timezone.now()
    difference, _created = open_difference(
        gateway=payment.gateway,
        day=timezone.localtime(moment).date(),
        kind=DifferenceKind.PAID_TWICE,
        reference=payment.reference,
        payment=payment,
        transaction_id=payment.gateway_transaction_id,
        recorded_amount_vnd=payment.amount_vnd,
        note=note,
    )
    return difference
