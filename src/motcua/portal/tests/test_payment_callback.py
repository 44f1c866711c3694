"""The whole sandbox round trip through HTTP: checkout page → signed return → confirmation."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.payments import services
from motcua.payments.constants import PaymentState
from motcua.payments.gateways.sandbox import signing
from motcua.payments.models import Payment

pytestmark = pytest.mark.django_db


def _start(return_url="/ho-so-cua-toi/"):
    return services.start_payment(
        amount_vnd=8_000,
        description="Lệ phí cấp bản sao trích lục",
        callback_url=reverse("portal:payment_callback", args=["sandbox"]),
        return_url=return_url,
        actor=UserFactory(),
    )


def _params(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _pay(client, checkout_url, outcome):
    page = client.get(checkout_url)
    assert page.status_code == 200 and "8.000 đ" in page.content.decode()
    return client.post(reverse("sandbox_payments:checkout"), {**_params(checkout_url), "outcome": outcome})


@pytest.mark.parametrize("outcome,state", [("succeeded", "paid"), ("failed", "failed"), ("cancelled", "cancelled")])
def test_round_trip(client, outcome, state):
    payment, url = _start()
    back = _pay(client, url, outcome)
    assert back.status_code == 302 and back.url.startswith("/thanh-toan/ket-qua/sandbox/?")
    landed = client.get(back.url)
    assert landed.status_code == 302 and landed.url == "/ho-so-cua-toi/"
    payment.refresh_from_db()
    assert payment.state == state


def test_replayed_return_is_idempotent(client):
    payment, url = _start()
    back = _pay(client, url, "succeeded")
    client.get(back.url)
    client.get(back.url)
    payment.refresh_from_db()
    assert payment.state == PaymentState.PAID
    assert list(payment.events.values_list("action", flat=True)) == ["started", "paid", "repeated_notice"]


def test_tampered_return_is_rejected_with_a_clear_page(client):
    payment, url = _start()
    back = _pay(client, url, "failed")
    forged = back.url.replace("status=failed", "status=succeeded")
    response = client.get(forged)
    assert response.status_code == 400
    assert "Chữ ký của thông báo thanh toán không hợp lệ" in response.content.decode()
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING


def test_server_notification_is_answered_in_json(client):
    _payment, url = _start()
    back = _pay(client, url, "succeeded")
    response = client.post(reverse("portal:payment_callback", args=["sandbox"]), _params(back.url))
    assert response.status_code == 200 and response.json() == {"code": "ok", "state": "paid"}
    bad = client.post(reverse("portal:payment_callback", args=["sandbox"]), {**_params(back.url), "sig": "0" * 64})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_signature"


def test_unknown_gateway_is_rejected(client):
    response = client.get(reverse("portal:payment_callback", args=["nope"]))
    assert response.status_code == 400


def test_lost_callback_leaves_payment_pending_until_reconciled(client):
    payment, url = _start()
    response = _pay(client, url, "lost")
    assert response.status_code == 200 and "đối soát" in response.content.decode()
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING
    from datetime import timedelta

    report = services.reconcile_pending(older_than=timedelta(0))
    payment.refresh_from_db()
    assert report.updated == {"paid": 1} and payment.state == PaymentState.PAID


def test_sandbox_page_refuses_a_forged_request(client):
    _payment, url = _start()
    params = _params(url)
    params["amount"] = "1"
    assert client.get(reverse("sandbox_payments:checkout"), params).status_code == 400
    params = _params(url)
    params["callback"] = "https://evil.example/steal"
    params["sig"] = signing.sign(params)
    assert client.get(reverse("sandbox_payments:checkout"), params).status_code == 400
    assert Payment.objects.get().state == PaymentState.PENDING


def test_sandbox_page_is_absent_when_a_real_gateway_is_configured(client, settings):
    _payment, url = _start()
    settings.PAYMENT_GATEWAY = "national"
    assert client.get(url).status_code == 404
