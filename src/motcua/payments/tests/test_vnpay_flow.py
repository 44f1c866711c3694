"""The VNPAY gateway against the local simulator: return, IPN, querydr, refund, a fee paid twice."""

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from motcua.core.exceptions import DomainError
from motcua.payments import hooks, services
from motcua.payments.constants import DifferenceKind, NoticeVerdict, PaymentState, Resolution
from motcua.payments.gateways.vnpay import protocol, signing, transport
from motcua.payments.gateways.vnpay.config import SIMULATOR_SECRET
from motcua.payments.gateways.vnpay.gateway import VnpayGateway
from motcua.payments.gateways.vnpay.simulator import ledger
from motcua.payments.interface import GatewayUnavailable
from motcua.payments.models import GatewayNotice, Payment, ReconciliationDifference, SimulatedTransaction
from motcua.payments.reconciliation import resolve_difference
from motcua.payments.refunds import refund_payment

from .vnpay_helpers import pay, start

pytestmark = pytest.mark.django_db
IPN = "/thanh-toan/vnpay/ipn/"


@pytest.fixture
def credited():
    """What the subject's owner was told: one call per confirmed payment it must credit."""
    calls: list[str] = []
    hooks.on_paid("test", lambda payment: calls.append(payment.reference))
    yield calls
    hooks._handlers.pop("test", None)


def _ipn(client, params):
    return client.get(f"{IPN}?{urlencode(params)}").json()


def test_a_payment_through_the_simulator_is_confirmed_by_its_ipn(client, credited):
    payment, txn, back = pay(subject="test:1")
    assert payment.state == PaymentState.PAID
    assert payment.gateway_transaction_id == txn.transaction_no
    assert json.loads(txn.ipn_answer) == {"RspCode": "00", "Message": "Confirm Success"}
    assert credited == [payment.reference]
    notice = GatewayNotice.objects.get()
    assert (notice.channel, notice.verdict, notice.reference) == ("ipn", NoticeVerdict.ACCEPTED, payment.reference)
    assert "vnp_SecureHash" not in notice.params
    # The payer's browser comes back afterwards: a repeat, the payer lands on the application's page.
    response = client.get(back.replace("http://testserver", "").split("127.0.0.1:8000")[-1])
    assert response.status_code == 302 and response.url == "/ho-so-cua-toi/"
    assert GatewayNotice.objects.filter(channel="return", verdict=NoticeVerdict.REPEATED).count() == 1
    assert set(credited) == {payment.reference}  # handlers are told again (they are idempotent), never of another


def test_a_repeated_ipn_is_answered_02_and_recorded_once(client, credited):
    payment, txn, _back = pay(subject="test:1")
    assert _ipn(client, ledger.result_params(txn)) == {"RspCode": "02", "Message": "Order already confirmed"}
    assert list(payment.events.filter(action="paid").values_list("action", flat=True)) == ["paid"]
    assert payment.events.filter(action="repeated_notice").count() == 1
    assert set(credited) == {payment.reference}
    assert GatewayNotice.objects.filter(verdict=NoticeVerdict.REPEATED).count() == 1


@pytest.mark.parametrize("field,value", [("vnp_Amount", "100"), ("vnp_ResponseCode", "00"), ("vnp_TxnRef", "TT9")])
def test_a_forged_ipn_is_refused_with_97_and_recorded(client, field, value):
    payment, _request = start()
    txn = ledger.decide(ledger.verified_request(_request), "cancel")
    params = ledger.result_params(txn)
    params[field] = value  # changed after signing
    assert _ipn(client, params) == {"RspCode": "97", "Message": "Invalid signature"}
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING
    notice = GatewayNotice.objects.get()
    assert (notice.verdict, notice.code) == (NoticeVerdict.REFUSED, "invalid_signature")


def test_an_ipn_signed_with_another_key_is_refused(client):
    _payment, request = start()
    txn = ledger.decide(ledger.verified_request(request), "pay")
    params = ledger.result_params(txn)
    params["vnp_SecureHash"] = signing.sign_query(params, "someone-elses-secret")
    assert _ipn(client, params)["RspCode"] == "97"


def test_an_ipn_without_a_signature_is_refused(client):
    _payment, request = start()
    params = ledger.result_params(ledger.decide(ledger.verified_request(request), "pay"))
    del params["vnp_SecureHash"]
    assert _ipn(client, params)["RspCode"] == "97"


def test_an_amount_that_differs_from_the_order_is_refused_with_04(client):
    payment, request = start(amount=50_000)
    txn = ledger.decide(ledger.verified_request(request), "pay")
    # Correctly signed by VNPAY, but for another amount than the order's.
    assert _ipn(client, ledger.result_params(txn, vnp_Amount="100000")) == {
        "RspCode": "04",
        "Message": "invalid amount",
    }
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING
    assert GatewayNotice.objects.get().code == "amount_mismatch"


def test_an_unknown_order_is_answered_01(client):
    _payment, request = start()
    txn = ledger.decide(ledger.verified_request(request), "pay")
    assert _ipn(client, ledger.result_params(txn, vnp_TxnRef="TT20261205NOTOURS0000"))["RspCode"] == "01"


def test_an_ipn_is_answered_99_when_processing_fails(client, monkeypatch):
    _payment, request = start()
    txn = ledger.decide(ledger.verified_request(request), "pay")

    def broken(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr("motcua.payments.callbacks.vnpay.receive_notice", broken)
    assert _ipn(client, ledger.result_params(txn)) == {"RspCode": "99", "Message": "Unknow error"}


def test_a_cancelled_payment_is_closed(client):
    payment, _txn, back = pay(choice="cancel")
    assert payment.state == PaymentState.CANCELLED and back is not None


def test_a_forged_browser_return_shows_a_refusal_and_is_recorded(client):
    _payment, request = start()
    params = ledger.result_params(ledger.decide(ledger.verified_request(request), "pay"))
    params["vnp_Amount"] = "100"
    response = client.get(f"/thanh-toan/vnpay/tra-ve/?{urlencode(params)}")
    assert response.status_code == 400
    assert GatewayNotice.objects.get().verdict == NoticeVerdict.REFUSED


def test_a_lost_notification_is_recovered_by_querydr():
    payment, txn, back = pay(choice="lost")
    assert back is None and payment.state == PaymentState.PENDING
    report = services.reconcile_pending(older_than=timedelta(0))
    payment.refresh_from_db()
    assert report.updated == {"paid": 1}
    assert payment.state == PaymentState.PAID and payment.gateway_transaction_id == txn.transaction_no
    assert payment.events.filter(action="paid").get().data["source"] == "reconciliation"


def test_query_of_a_transaction_vnpay_never_saw_knows_no_outcome():
    payment, _request = start()
    assert VnpayGateway().query(payment.reference) is None


def test_query_answer_with_a_bad_signature_is_not_believed(monkeypatch):
    payment, _txn, _back = pay(choice="lost")
    real = transport.post_json

    def tampered(url, body, *, timeout):
        answer = real(url, body, timeout=timeout)
        answer["vnp_Amount"] = "100"
        return answer

    monkeypatch.setattr(transport, "post_json", tampered)
    with pytest.raises(GatewayUnavailable):
        VnpayGateway().query(payment.reference)


def test_the_simulator_refuses_an_unsigned_query():
    pay()
    body = dict.fromkeys(protocol.QUERY_REQUEST_FIELDS, "x") | {"vnp_Command": "querydr", "vnp_SecureHash": "0"}
    status, content = transport.call_local("POST", reverse("vnpay_simulator:api"), body=json.dumps(body).encode())
    assert status == 200 and json.loads(content)["vnp_ResponseCode"] == "97"


@pytest.mark.parametrize(
    "amount,kind,state", [(50_000, "02", PaymentState.REFUNDED), (20_000, "03", PaymentState.PAID)]
)
def test_refund_through_the_gateway(amount, kind, state, django_user_model):
    officer = django_user_model.objects.create(username="ketoan")
    payment, txn, _back = pay(amount=50_000)
    refunded = refund_payment(payment, amount_vnd=amount, reason="Nộp trùng", actor=officer)
    assert refunded.state == state and refunded.refunded_vnd == amount
    refund = SimulatedTransaction.objects.get(refund_of=txn)
    assert (refund.transaction_type, refund.amount_vnd) == (kind, amount)
    assert refunded.events.get(action="refunded").data["refund_id"] == refund.transaction_no


def test_refund_of_more_than_was_paid_is_refused(django_user_model):
    payment, _txn, _back = pay(amount=50_000)
    with pytest.raises(DomainError):
        refund_payment(payment, amount_vnd=60_000, reason="x", actor=django_user_model.objects.create(username="k"))
    assert not SimulatedTransaction.objects.exclude(refund_of=None).exists()


def test_a_fee_paid_twice_is_flagged_then_refunded_never_lost(credited, django_user_model):
    first, request_a = start(subject="test:7")
    second, request_b = start(subject="test:7")  # the payer opened the payment again in another tab
    ledger.pay(ledger.verified_request(request_a), "pay")
    ledger.pay(ledger.verified_request(request_b), "pay")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == second.state == PaymentState.PAID  # both sums are recorded: nothing is lost
    assert set(credited) == {first.reference}  # the second sum is never credited to the subject
    difference = ReconciliationDifference.objects.get()
    assert (difference.kind, difference.payment) == (DifferenceKind.PAID_TWICE, second)
    assert first.reference in difference.note
    officer = django_user_model.objects.create(username="ketoan")
    resolve_difference(difference, resolution=Resolution.REFUND, reason="Nộp trùng lần hai", actor=officer)
    second.refresh_from_db()
    difference.refresh_from_db()
    assert second.state == PaymentState.REFUNDED and not difference.is_open
    assert difference.events.values_list("action", flat=True)[::1] == ["found", "resolved"]
    assert Payment.objects.get(pk=first.pk).state == PaymentState.PAID


def test_the_simulator_page_refuses_a_forged_request(client):
    _payment, request = start()
    request["vnp_Amount"] = "100"
    assert client.get(reverse("vnpay_simulator:pay"), request).status_code == 400


def test_the_simulator_page_pays_and_returns_to_the_site(client):
    payment, request = start()
    page = client.get(reverse("vnpay_simulator:pay"), request)
    assert page.status_code == 200 and "50.000" in page.content.decode()
    response = client.post(reverse("vnpay_simulator:pay"), {**request, "choice": "pay", "bank": "VCB"})
    assert response.status_code == 302 and "/thanh-toan/vnpay/tra-ve/?" in response.url
    payment.refresh_from_db()
    assert payment.state == PaymentState.PAID
    assert SimulatedTransaction.objects.get().bank_code == "VCB"


def test_the_simulator_is_absent_when_switched_off(client, settings):
    settings.PAYMENT_VNPAY_SIMULATOR = False
    assert client.get(reverse("vnpay_simulator:pay")).status_code == 404
    assert SIMULATOR_SECRET  # the published key signs nothing once the simulator is off


def test_a_payment_expired_here_but_paid_late_at_vnpay_is_recorded(client):
    payment, request = start()
    services.expire_payment(payment)
    txn = ledger.decide(ledger.verified_request(request), "pay")
    assert _ipn(client, ledger.result_params(txn))["RspCode"] == "00"
    payment.refresh_from_db()
    assert payment.state == PaymentState.PAID  # the money was taken: never lost
