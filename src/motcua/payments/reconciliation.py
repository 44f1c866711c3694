"""Daily reconciliation of a gateway's statement against the payments recorded here.

``reconcile_statement`` compares one day and opens a difference for each of:

- missing here: the gateway took money for a reference we have not recorded as paid;
- missing there: we recorded a payment the gateway's statement does not have;
- amount differs: both have it, for different amounts;
- paid twice: one subject (a dossier's fee) paid by two transactions.

Running the same day again finds the same differences (one row per kind and reference).
``resolve_difference`` closes one with the officer's reason, refunding through the gateway or
confirming the payment from the statement when that is the resolution chosen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.payments.constants import DifferenceKind, PaymentState, Resolution
from motcua.payments.differences import open_difference
from motcua.payments.interface import GatewayOutcome, GatewayResult, StatementKind, StatementLine
from motcua.payments.models import Payment, ReconciliationDifference, ReconciliationEvent, StatementRun
from motcua.payments.refunds import refund_payment
from motcua.payments.services import apply_gateway_result

PAID_STATES = (PaymentState.PAID, PaymentState.REFUNDED)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def _recorded(gateway: str, day: date) -> dict[str, Payment]:
    start, end = _day_bounds(day)
    rows = Payment.objects.filter(gateway=gateway, state__in=PAID_STATES, paid_at__gte=start, paid_at__lt=end)
    return {p.reference: p for p in rows}


@transaction.atomic
def reconcile_statement(*, gateway: str, day: date, lines: Iterable[StatementLine], actor: Any = None) -> StatementRun:
    lines = list(lines)
    payments = [line for line in lines if line.kind == StatementKind.PAYMENT]
    refunds = [line for line in lines if line.kind == StatementKind.REFUND]
    recorded = _recorded(gateway, day)
    known = {
        p.reference: p for p in Payment.objects.filter(gateway=gateway, reference__in=[x.reference for x in payments])
    }
    seen: set[str] = set()
    by_subject: dict[str, list[str]] = defaultdict(list)

    def diff(kind: str, reference: str, **fields: Any) -> None:
        open_difference(gateway=gateway, day=day, kind=kind, reference=reference, actor=actor, **fields)

    for line in payments:
        seen.add(line.reference)
        payment = known.get(line.reference)
        common = {"transaction_id": line.transaction_id, "statement_amount_vnd": line.amount_vnd, "payment": payment}
        if payment is None or payment.state not in PAID_STATES:
            state = payment.get_state_display() if payment else "không có giao dịch này"
            diff(DifferenceKind.MISSING_HERE, line.reference, note=f"Hệ thống: {state}", **common)
            continue
        if payment.amount_vnd != line.amount_vnd:
            diff(DifferenceKind.AMOUNT_DIFFERS, line.reference, recorded_amount_vnd=payment.amount_vnd, **common)
        if payment.subject:
            by_subject[payment.subject].append(payment.reference)
    for reference, payment in recorded.items():
        if reference not in seen:
            diff(
                DifferenceKind.MISSING_THERE,
                reference,
                payment=payment,
                transaction_id=payment.gateway_transaction_id,
                recorded_amount_vnd=payment.amount_vnd,
            )
    _paid_twice(gateway, day, by_subject, actor)
    run, _created = StatementRun.objects.update_or_create(
        gateway=gateway,
        day=day,
        defaults={
            "ran_at": timezone.now(),
            "statement_lines": len(lines),
            "statement_total_vnd": sum(x.amount_vnd for x in payments),
            "recorded_total_vnd": sum(p.amount_vnd for p in recorded.values()),
            "refunds_total_vnd": sum(x.amount_vnd for x in refunds),
        },
    )
    return run


def _paid_twice(gateway: str, day: date, by_subject: dict[str, list[str]], actor: Any) -> None:
    """A subject paid by two of the day's transactions, or by one of them and an earlier one."""
    for subject in by_subject:
        paid = list(Payment.objects.filter(subject=subject, state__in=PAID_STATES).order_by("paid_at", "pk"))
        for payment in paid[1:]:
            open_difference(
                gateway=gateway,
                day=day,
                kind=DifferenceKind.PAID_TWICE,
                reference=payment.reference,
                payment=payment,
                transaction_id=payment.gateway_transaction_id,
                recorded_amount_vnd=payment.amount_vnd,
                note=f"Đã thanh toán trước đó bằng giao dịch {paid[0].reference}",
                actor=actor,
            )


# Which resolutions fit which difference (the page offers only these).
RESOLUTIONS = {
    DifferenceKind.MISSING_HERE: (Resolution.CONFIRM, Resolution.REFUND, Resolution.EXPLAINED),
    DifferenceKind.MISSING_THERE: (Resolution.EXPLAINED,),
    DifferenceKind.AMOUNT_DIFFERS: (Resolution.EXPLAINED,),
    DifferenceKind.PAID_TWICE: (Resolution.REFUND, Resolution.EXPLAINED),
}


@transaction.atomic
def resolve_difference(difference: ReconciliationDifference, *, resolution: str, reason: str, actor: Any) -> Any:
    difference = ReconciliationDifference.objects.select_for_update().get(pk=difference.pk)
    if not difference.is_open:
        raise DomainError("Chênh lệch này đã được xử lý.", code="already_resolved")
    reason = reason.strip()
    if not reason:
        raise DomainError("Cần nêu lý do.", code="invalid", fields={"reason": ["Nhập lý do."]})
    if resolution not in RESOLUTIONS[DifferenceKind(difference.kind)]:
        raise DomainError("Cách xử lý này không áp dụng cho chênh lệch.", code="invalid", fields={"resolution": []})
    payment = difference.payment
    if resolution != Resolution.EXPLAINED and payment is None:
        raise DomainError(
            "Hệ thống không có giao dịch này: hoàn tiền hoặc ghi nhận qua trang quản trị của cổng, rồi nêu lý do.",
            code="invalid",
            fields={"resolution": []},
        )
    if resolution == Resolution.CONFIRM and payment is not None:
        _confirm(difference, payment, actor)
    elif resolution == Resolution.REFUND and payment is not None:
        if payment.state != PaymentState.PAID:
            _confirm(difference, payment, actor)  # paid at the gateway: recorded before it is given back
        refund_payment(payment, amount_vnd=payment.amount_vnd - payment.refunded_vnd, reason=reason, actor=actor)
    difference.resolution = resolution
    difference.reason = reason
    difference.resolved_by = actor
    difference.resolved_at = timezone.now()
    difference.save()
    ReconciliationEvent.objects.create(
        difference=difference,
        occurred_at=difference.resolved_at,
        actor=actor,
        action="resolved",
        note=reason,
        data={"resolution": resolution},
    )
    return difference


def _confirm(difference: ReconciliationDifference, payment: Payment, actor: Any) -> None:
    if payment.state == PaymentState.PAID:
        return
    if payment.is_final and payment.state != PaymentState.EXPIRED:  # failed or cancelled here, paid there
        raise DomainError(
            "Giao dịch đã đóng ở trạng thái khác: hoàn tiền qua trang quản trị của cổng thanh toán, "
            "rồi chọn “Đã xác minh” và ghi lại số chứng từ hoàn tiền.",
            code="invalid_status",
        )
    result = GatewayResult(
        reference=payment.reference,
        outcome=GatewayOutcome.SUCCEEDED,
        amount_vnd=difference.statement_amount_vnd or payment.amount_vnd,
        transaction_id=difference.transaction_id,
        message="Ghi nhận theo bảng kê đối soát",
    )
    apply_gateway_result(result, gateway=payment.gateway, actor=actor, source="statement")


def open_differences() -> Any:
    return ReconciliationDifference.objects.filter(resolved_at__isnull=True)
