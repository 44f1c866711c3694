from urllib.parse import parse_qs, urlsplit

import pytest

from motcua.payments.gateways.sandbox import signing
from motcua.payments.gateways.sandbox.gateway import SandboxGateway
from motcua.payments.gateways.sandbox.models import SandboxTransaction
from motcua.payments.interface import CheckoutRequest, GatewayOutcome, InvalidCallback


def _callback(**overrides: str) -> dict[str, str]:
    params = {"ref": "TT1", "status": "succeeded", "amount": "50000", "txn": "SBX1", "ts": "1764900000", "n": "N1"}
    params.update(overrides)
    return signing.signed(params)


def test_checkout_url_is_signed_and_carries_the_request():
    url = SandboxGateway().checkout_url(CheckoutRequest("TT1", 50_000, "Lệ phí", "/thanh-toan/ket-qua/sandbox/"))
    parts = urlsplit(url)
    params = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert parts.path == "/thanh-toan/thu-nghiem/"
    assert params["ref"] == "TT1" and params["amount"] == "50000" and params["desc"] == "Lệ phí"
    assert signing.verify(params)


def test_valid_callback_is_decoded():
    result = SandboxGateway().parse_callback(_callback())
    assert result.reference == "TT1"
    assert result.outcome is GatewayOutcome.SUCCEEDED
    assert result.amount_vnd == 50_000
    assert result.transaction_id == "SBX1"
    assert result.notice_id == "N1" and result.signed_at == 1764900000


@pytest.mark.parametrize(
    "field,value",
    [("amount", "1"), ("status", "failed"), ("ref", "TT2"), ("txn", "X"), ("ts", "1764900001"), ("n", "N2")],
)
def test_tampered_callback_is_rejected(field, value):
    params = _callback()
    params[field] = value
    with pytest.raises(InvalidCallback) as error:
        SandboxGateway().parse_callback(params)
    assert error.value.code == "invalid_signature"


def test_callback_signed_with_another_secret_is_rejected():
    params = {"ref": "TT1", "status": "succeeded", "amount": "50000", "txn": "SBX1", "ts": "1764900000", "n": "N1"}
    params["sig"] = signing.sign(params, secret="not-the-secret")
    with pytest.raises(InvalidCallback):
        SandboxGateway().parse_callback(params)


def test_incomplete_callback_is_rejected():
    params = _callback()
    del params["txn"]
    with pytest.raises(InvalidCallback) as error:
        SandboxGateway().parse_callback(params)
    assert "txn" in error.value.fields


def test_unknown_status_is_rejected_even_when_signed():
    with pytest.raises(InvalidCallback):
        SandboxGateway().parse_callback(_callback(status="refunded"))


@pytest.mark.django_db
def test_query_reads_the_sandbox_ledger(settings):
    assert SandboxGateway().query("TT9") is None
    SandboxTransaction.objects.create(
        reference="TT9", transaction_id="SBX9", amount_vnd=10_000, outcome="failed", decided_at="2026-11-22T03:00:00Z"
    )
    result = SandboxGateway().query("TT9")
    assert result is not None and result.outcome is GatewayOutcome.FAILED and result.amount_vnd == 10_000


def test_deploy_check_refuses_the_development_sandbox_secret(settings):
    from motcua.payments.checks import sandbox_secret_check

    assert [e.id for e in sandbox_secret_check()] == ["motcua.payments.E001"]
    settings.PAYMENT_SANDBOX_SECRET = "a-long-random-value-set-by-the-operator"
    assert sandbox_secret_check() == []
