"""The payment sandbox's server notification against the inbound-callback rule (docs/integration.md,
"Inbound callbacks"): a forged notice is refused in JSON; a replayed one is not applied twice. It carries
no timestamp and no nonce, so a replay is recognised by the payment's state, not refused: what the
gateway's protocol lacks is written down in the docs. The postal callback's tests are in postal/tests."""

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


def test_a_replayed_notice_is_not_applied_twice_and_is_recorded(client):
    payment, notice = _paid_notice(client)
    for _ in range(3):
        assert client.post(reverse(NOTIFY, args=["sandbox"]), notice).json() == {"code": "ok", "state": "paid"}
    payment.refresh_from_db()
    actions = list(payment.events.values_list("action", flat=True))
    assert actions.count("paid") == 1 and actions.count("repeated_notice") == 2
