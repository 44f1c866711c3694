"""Reads of the payments context."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.payments.constants import PaymentState
from motcua.payments.models import Payment


def payments_for_subject(subject: str) -> QuerySet[Payment]:
    return Payment.objects.filter(subject=subject).order_by("-created_at")


def paid_payment_for_subject(subject: str) -> Payment | None:
    return Payment.objects.filter(subject=subject, state=PaymentState.PAID).order_by("-paid_at").first()


def payment_by_reference(reference: str) -> Payment | None:
    return Payment.objects.filter(reference=reference).first()
