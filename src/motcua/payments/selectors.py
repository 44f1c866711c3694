"""Reads of the payments context."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.payments.constants import NoticeVerdict, PaymentState
from motcua.payments.models import GatewayNotice, Payment, ReconciliationDifference, StatementRun


def payments_for_subject(subject: str) -> QuerySet[Payment]:
    return Payment.objects.filter(subject=subject).order_by("-created_at")


def paid_payment_for_subject(subject: str) -> Payment | None:
    return Payment.objects.filter(subject=subject, state=PaymentState.PAID).order_by("-paid_at").first()


def payment_by_reference(reference: str) -> Payment | None:
    return Payment.objects.filter(reference=reference).first()


def differences(*, open_only: bool = True) -> QuerySet[ReconciliationDifference]:
    rows = ReconciliationDifference.objects.select_related("payment", "resolved_by")
    if open_only:
        rows = rows.filter(resolved_at__isnull=True)
    return rows.order_by("-day", "pk")


def difference(pk: int) -> ReconciliationDifference | None:
    return ReconciliationDifference.objects.select_related("payment").filter(pk=pk).first()


def recent_runs(limit: int = 7) -> QuerySet[StatementRun]:
    return StatementRun.objects.order_by("-day", "gateway")[:limit]


def refused_notices(limit: int = 10) -> QuerySet[GatewayNotice]:
    return GatewayNotice.objects.filter(verdict=NoticeVerdict.REFUSED).order_by("-received_at", "-pk")[:limit]
