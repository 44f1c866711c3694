"""The payment sandbox's server notification against the inbound-callback rule (docs/integration.md,
"Inbound callbacks"): a forged notice is refused in JSON; a replayed one (its notice id already used) and a
stale one (signed too long ago) are refused and change nothing; a browser return shown again changes nothing.
The postal callback's tests are in postal/tests."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.payments import services
from motcua.payments.constants import PaymentState

pytestmark = pytest.mark.django_db
NOTIFY = "portal:payment_callback"


def _paid_notice(client):
    payment, url = services.start_payment(
        amount_vnd=8_000,
        description="Lệ phí",
        callback_url=reverse(NOTIFY, args=["sandbox"]),
        return_url="/",
        actor=UserFactory(),
    )
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    back = client.post(reverse("sandbox_payments:checkout"), {**params, "outcome": "succeeded"})
    return payment, {k: v[0] for k, v in parse_qs(urlsplit(back.url).query).items()}


@pytest.mark.parametrize("field", ["status", "amount", "sig"])
def test_a_forged_notice_is_refused_in_json(client, field):
    payment, notice = _paid_notice(client)
    forged = {**notice, field: {"status": "failed", "amount": "1", "sig": "0" * 64}[field]}
    answer = client.post(reverse(NOTIFY, args=["sandbox"]), forged)
    assert answer.status_code == 400 and answer.json()["code"] == "invalid_signature" and answer.json()["message"]
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING


def test_a_replayed_notice_is_refused_and_applied_once(client):
    payment, notice = _paid_notice(client)
    assert client.post(reverse(NOTIFY, args=["sandbox"]), notice).json() == {"code": "ok", "state": "paid"}
    for _ in range(2):
        replayed = client.post(reverse(NOTIFY, args=["sandbox"]), notice)
        assert replayed.status_code == 409 and replayed.json()["code"] == "replayed_notice"
    payment.refresh_from_db()
    assert list(payment.events.values_list("action", flat=True)).count("paid") == 1
    # The browser's return with the same notice, shown again, leads to the payment's page and changes nothing.
    assert client.get(reverse(NOTIFY, args=["sandbox"]), notice).status_code == 302


def test_a_stale_notice_is_refused(client, settings):
    import time_machine

    payment, notice = _paid_notice(client)
    with time_machine.travel(time.time() + settings.PAYMENT_NOTICE_MAX_AGE_SECONDS + 60):
        stale = client.post(reverse(NOTIFY, args=["sandbox"]), notice)
    assert stale.status_code == 400 and stale.json()["code"] == "stale_notice"
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING
    # Refused, the notice id stays unused: the same notice, in time, is applied.
    assert client.post(reverse(NOTIFY, args=["sandbox"]), notice).json()["state"] == "paid"
