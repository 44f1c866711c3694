from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from motcua.accounts.tests.factories import UserFactory
from motcua.payments import services
from motcua.payments.constants import PaymentState
from motcua.payments.exceptions import AlreadyPaid, InvalidAmount, InvalidCallback
from motcua.payments.gateways.sandbox import ledger
from motcua.payments.interface import GatewayOutcome, GatewayResult
from motcua.payments.models import Payment, PaymentEvent

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _start(amount: int = 50_000, subject: str = "") -> Payment:
    payment, _url = services.start_payment(
        amount_vnd=amount,
        description="Lệ phí đăng ký",
        callback_url="/thanh-toan/ket-qua/sandbox/",
        subject=subject,
        actor=UserFactory(),
    )
    return payment


def _result(payment: Payment, outcome: GatewayOutcome, txn: str = "SBX1", amount: int | None = None) -> GatewayResult:
    return GatewayResult(payment.reference, outcome, amount if amount is not None else payment.amount_vnd, txn)


def test_start_payment_records_a_pending_attempt_and_its_event():
    payment = _start()
    assert payment.state == PaymentState.PENDING
    assert payment.reference.startswith("TT")
    assert list(payment.events.values_list("action", flat=True)) == ["started"]


@pytest.mark.parametrize("amount", [0, -5])
def test_amount_must_be_positive(amount):
    with pytest.raises(InvalidAmount):
        _start(amount)
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    "outcome,state",
    [
        (GatewayOutcome.SUCCEEDED, PaymentState.PAID),
        (GatewayOutcome.FAILED, PaymentState.FAILED),
        (GatewayOutcome.CANCELLED, PaymentState.CANCELLED),
    ],
)
def test_outcome_moves_a_pending_payment(outcome, state):
    payment = services.apply_gateway_result(_result(_start(), outcome), gateway="sandbox")
    assert payment.state == state
    assert payment.closed_at is not None
    assert (payment.paid_at is not None) is (state == PaymentState.PAID)
    assert bool(payment.receipt_number) is (state == PaymentState.PAID)


def test_repeated_success_is_idempotent():
    payment = _start()
    first = services.apply_gateway_result(_result(payment, GatewayOutcome.SUCCEEDED), gateway="sandbox")
    second = services.apply_gateway_result(_result(payment, GatewayOutcome.SUCCEEDED), gateway="sandbox")
    assert second.state == PaymentState.PAID
    assert second.paid_at == first.paid_at and second.receipt_number == first.receipt_number
    assert list(payment.events.values_list("action", flat=True)) == ["started", "paid", "repeated_notice"]


def test_contradicting_notice_after_payment_changes_nothing():
    payment = _start()
    services.apply_gateway_result(_result(payment, GatewayOutcome.SUCCEEDED), gateway="sandbox")
    after = services.apply_gateway_result(_result(payment, GatewayOutcome.CANCELLED), gateway="sandbox")
    assert after.state == PaymentState.PAID
    assert payment.events.last().action == "conflicting_notice"


def test_wrong_amount_is_rejected_and_changes_nothing():
    payment = _start()
    with pytest.raises(InvalidCallback) as error:
        services.apply_gateway_result(_result(payment, GatewayOutcome.SUCCEEDED, amount=1), gateway="sandbox")
    assert error.value.code == "amount_mismatch"
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING


def test_unknown_reference_is_rejected():
    with pytest.raises(InvalidCallback):
        services.apply_gateway_result(GatewayResult("TTNOPE", GatewayOutcome.SUCCEEDED, 1, "X"), gateway="sandbox")


def test_subject_cannot_be_paid_twice():
    payment = _start(subject="H1.01-261122-0001")
    services.apply_gateway_result(_result(payment, GatewayOutcome.SUCCEEDED), gateway="sandbox")
    with pytest.raises(AlreadyPaid):
        _start(subject="H1.01-261122-0001")


def test_a_failed_attempt_allows_a_new_one():
    payment = _start(subject="H1.01-261122-0002")
    services.apply_gateway_result(_result(payment, GatewayOutcome.FAILED), gateway="sandbox")
    assert _start(subject="H1.01-261122-0002").state == PaymentState.PENDING


def test_reconciliation_confirms_lost_callbacks_and_expires_abandoned_payments(settings):
    settings.PAYMENT_PENDING_EXPIRY_MINUTES = 60
    with time_machine.travel(NOW, tick=False):
        lost = _start()
        abandoned = _start()
    with time_machine.travel(NOW + timedelta(minutes=30), tick=False):
        recent = _start()
        # The payer paid at the sandbox but never came back.
        ledger.decide(reference=lost.reference, amount_vnd=lost.amount_vnd, outcome="succeeded")
    with time_machine.travel(NOW + timedelta(minutes=61), tick=False):
        report = services.reconcile_pending(older_than=timedelta(minutes=40))
    assert report.checked == 2  # the recent one is left alone
    assert report.updated == {"paid": 1, "expired": 1}
    lost.refresh_from_db()
    abandoned.refresh_from_db()
    recent.refresh_from_db()
    assert lost.state == PaymentState.PAID and lost.events.filter(data__source="reconciliation").exists()
    assert abandoned.state == PaymentState.EXPIRED
    assert recent.state == PaymentState.PENDING


def test_reconciliation_keeps_young_unknown_payments_pending():
    with time_machine.travel(NOW, tick=False):
        payment = _start()
    with time_machine.travel(NOW + timedelta(minutes=20), tick=False):
        report = services.reconcile_pending(older_than=timedelta(minutes=10))
    assert report.still_pending == 1
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING


def test_reconcile_command_reports(capsys):
    with time_machine.travel(NOW, tick=False):
        payment = _start()
        ledger.decide(reference=payment.reference, amount_vnd=payment.amount_vnd, outcome="cancelled")
    with time_machine.travel(NOW + timedelta(minutes=15), tick=False):
        call_command("reconcile_payments", "--older-than", "10")
    assert "cancelled: 1" in capsys.readouterr().out
    payment.refresh_from_db()
    assert payment.state == PaymentState.CANCELLED
    assert PaymentEvent.objects.filter(payment=payment, action="cancelled").count() == 1


def test_sandbox_ledger_keeps_the_first_decision():
    first = ledger.decide(reference="TTX", amount_vnd=1000, outcome="succeeded")
    second = ledger.decide(reference="TTX", amount_vnd=1000, outcome="failed")
    assert second.pk == first.pk and second.outcome == "succeeded"


def test_a_gateway_cannot_confirm_another_gateways_payment():
    payment = _start()
    Payment.objects.filter(pk=payment.pk).update(gateway="national")
    with pytest.raises(InvalidCallback):
        services.apply_gateway_result(_result(payment, GatewayOutcome.SUCCEEDED), gateway="sandbox")
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING
