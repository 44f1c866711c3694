"""Daily reconciliation of VNPAY's statement (from the simulator) against the payments recorded here."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.payments.constants import DifferenceKind, PaymentState, Resolution
from motcua.payments.gateways.vnpay.gateway import VnpayGateway
from motcua.payments.interface import StatementLine
from motcua.payments.models import Payment, ReconciliationDifference, StatementRun
from motcua.payments.reconciliation import reconcile_statement, resolve_difference

from .factories import PaymentFactory
from .vnpay_helpers import pay

pytestmark = pytest.mark.django_db
MORNING = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)  # 09:00 in Vietnam


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create(username="ketoan", first_name="Kế toán")


def _kinds() -> dict[str, str]:
    return dict(ReconciliationDifference.objects.values_list("reference", "kind"))


@time_machine.travel(MORNING, tick=False)
def test_a_day_that_matches_has_no_difference():
    pay(amount=50_000)
    pay(amount=20_000, choice="cancel")  # not money moved: not in the comparison
    lines = VnpayGateway().statement(timezone.localdate())
    run = reconcile_statement(gateway="vnpay", day=timezone.localdate(), lines=lines)
    assert (run.statement_lines, run.statement_total_vnd, run.recorded_total_vnd) == (1, 50_000, 50_000)
    assert not ReconciliationDifference.objects.exists()


@time_machine.travel(MORNING, tick=False)
def test_every_kind_of_difference_is_listed_once(officer):
    paid, _txn, _back = pay(amount=50_000, subject="test:1")
    lost, _txn, _back = pay(amount=30_000, choice="lost")  # paid at VNPAY, still pending here
    here_only = PaymentFactory(
        reference="TT20261204HEREONLY00", gateway="vnpay", state=PaymentState.PAID, paid_at=MORNING, amount_vnd=10_000
    )
    day = timezone.localdate()
    lines = VnpayGateway().statement(day)
    lines.append(StatementLine("TT20261204UNKNOWN000", "99999999", 15_000, MORNING))  # paid there, unknown here
    lines = [
        StatementLine(x.reference, x.transaction_id, 45_000, x.moment) if x.reference == paid.reference else x
        for x in lines
    ]
    reconcile_statement(gateway="vnpay", day=day, lines=lines)
    assert _kinds() == {
        paid.reference: DifferenceKind.AMOUNT_DIFFERS,
        lost.reference: DifferenceKind.MISSING_HERE,
        "TT20261204UNKNOWN000": DifferenceKind.MISSING_HERE,
        here_only.reference: DifferenceKind.MISSING_THERE,
    }
    reconcile_statement(gateway="vnpay", day=day, lines=lines)  # the same day again: nothing new
    assert ReconciliationDifference.objects.count() == 4 and StatementRun.objects.count() == 1
    amounts = ReconciliationDifference.objects.get(reference=paid.reference)
    assert (amounts.statement_amount_vnd, amounts.recorded_amount_vnd) == (45_000, 50_000)


@time_machine.travel(MORNING, tick=False)
def test_a_subject_paid_twice_on_the_statement_is_listed(officer):
    first, _txn, _back = pay(amount=50_000, subject="test:2")
    second = PaymentFactory(
        reference="TT20261204SECOND0000", gateway="vnpay", state=PaymentState.PAID, paid_at=MORNING, subject="test:2"
    )
    lines = [
        *VnpayGateway().statement(timezone.localdate()),
        StatementLine(second.reference, "123", second.amount_vnd, MORNING),
    ]
    reconcile_statement(gateway="vnpay", day=timezone.localdate(), lines=lines)
    assert _kinds() == {second.reference: DifferenceKind.PAID_TWICE}
    assert first.reference in ReconciliationDifference.objects.get().note


@time_machine.travel(MORNING, tick=False)
def test_missing_here_is_confirmed_from_the_statement_with_a_reason(officer):
    lost, _txn, _back = pay(amount=30_000, choice="lost")
    reconcile_statement(gateway="vnpay", day=timezone.localdate(), lines=VnpayGateway().statement(timezone.localdate()))
    difference = ReconciliationDifference.objects.get()
    with pytest.raises(DomainError) as error:
        resolve_difference(difference, resolution=Resolution.CONFIRM, reason="  ", actor=officer)
    assert error.value.code == "invalid"
    with pytest.raises(DomainError):
        resolve_difference(difference, resolution="refund_everyone", reason="x", actor=officer)
    resolve_difference(difference, resolution=Resolution.CONFIRM, reason="Đã đối chiếu sao kê NCB", actor=officer)
    lost.refresh_from_db()
    difference.refresh_from_db()
    assert lost.state == PaymentState.PAID and lost.events.get(action="paid").data["source"] == "statement"
    assert (difference.resolution, difference.resolved_by, difference.reason) == (
        Resolution.CONFIRM,
        officer,
        "Đã đối chiếu sao kê NCB",
    )
    with pytest.raises(DomainError) as error:
        resolve_difference(difference, resolution=Resolution.EXPLAINED, reason="again", actor=officer)
    assert error.value.code == "already_resolved"


@time_machine.travel(MORNING, tick=False)
def test_an_unknown_transaction_can_only_be_explained(officer):
    line = StatementLine("TT20261204UNKNOWN000", "99999999", 15_000, MORNING)
    reconcile_statement(gateway="vnpay", day=timezone.localdate(), lines=[line])
    difference = ReconciliationDifference.objects.get()
    with pytest.raises(DomainError):
        resolve_difference(difference, resolution=Resolution.REFUND, reason="x", actor=officer)
    resolve_difference(difference, resolution=Resolution.EXPLAINED, reason="Hoàn qua VNPAY, UNC 123", actor=officer)
    assert not ReconciliationDifference.objects.get().is_open


@time_machine.travel(MORNING, tick=False)
def test_the_command_reconciles_a_day_from_the_gateway_and_from_a_file(tmp_path, capsys):
    lost, _txn, _back = pay(amount=30_000, choice="lost")
    call_command("reconcile_payments", "--older-than", "600", "--statement-day", "today", "--gateway", "vnpay")
    assert "1 open differences" in capsys.readouterr().out
    assert _kinds() == {lost.reference: DifferenceKind.MISSING_HERE}
    text = "\n".join(
        [
            "vnp_TmnCode,vnp_TxnRef,vnp_TransactionNo,vnp_TransactionType,vnp_Amount,vnp_PayDate,"
            "vnp_TransactionStatus,vnp_BankCode",
            "MOTCUA01,TT20261204FROMFILE00,55555555,01,1000000,20261204090000,00,VCB",
        ]
    )
    statement_file = tmp_path / "vnpay-2026-12-04.csv"
    statement_file.write_text(text, encoding="utf-8")
    call_command(
        "reconcile_payments",
        "--statement-file",
        str(statement_file),
        "--statement-day",
        "2026-12-04",
        "--gateway",
        "vnpay",
    )
    assert "TT20261204FROMFILE00" in _kinds()
    assert Payment.objects.filter(reference=lost.reference, state=PaymentState.PENDING).exists()


def test_the_command_refuses_a_bad_day():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reconcile_payments", "--statement-day", "hôm qua", "--gateway", "vnpay")


def test_a_gateway_without_statement_says_so():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reconcile_payments", "--statement-day", "yesterday", "--gateway", "sandbox")
