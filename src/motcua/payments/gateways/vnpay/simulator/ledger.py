"""The simulated VNPAY's side: record a payer's decision, sign what it sends back, answer the API.

Used by the simulator's views and, without a browser, by the demo loader and the tests.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from motcua.payments.gateways.vnpay import config, protocol, signing, transport
from motcua.payments.gateways.vnpay.simulator.models import SimulatedTransaction

# What the payer can choose on the simulated page: response code, transaction status, whether VNPAY
# reaches the merchant (IPN and return) afterwards.
CHOICES: dict[str, tuple[str, str, bool]] = {
    "pay": (protocol.RESPONSE_SUCCESS, protocol.STATUS_SUCCESS, True),
    "cancel": (protocol.RESPONSE_CANCELLED, protocol.STATUS_ERROR, True),
    "no_funds": ("51", protocol.STATUS_ERROR, True),
    "lost": (protocol.RESPONSE_SUCCESS, protocol.STATUS_SUCCESS, False),  # paid, but nothing reaches us
}
REQUIRED = ("vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_ReturnUrl", "vnp_CreateDate", "vnp_OrderInfo")


def verified_request(params: Mapping[str, str]) -> dict[str, str] | None:
    """The payment request if VNPAY would accept it: signed with the terminal's secret, complete."""
    cfg = config.current()
    data = {k: v for k, v in params.items() if k.startswith("vnp_")}
    if not signing.verify_query(data, cfg.secret) or data.get("vnp_TmnCode") != cfg.tmn_code:
        return None
    if any(not data.get(name) for name in REQUIRED) or data.get("vnp_Version") != protocol.VERSION:
        return None
    try:
        protocol.from_amount(data["vnp_Amount"])
    except ValueError:
        return None
    return data


def _transaction_no() -> str:
    return str(10_000_000 + secrets.randbelow(89_999_999))


@transaction.atomic
def decide(request: Mapping[str, str], choice: str) -> SimulatedTransaction:
    """Record the payer's decision once per reference (a double click returns the first)."""
    existing = SimulatedTransaction.objects.filter(txn_ref=request["vnp_TxnRef"], transaction_type="01").first()
    if existing is not None:
        return existing
    response_code, status, _reaches = CHOICES[choice]
    return SimulatedTransaction.objects.create(
        tmn_code=request["vnp_TmnCode"],
        txn_ref=request["vnp_TxnRef"],
        transaction_no=_transaction_no(),
        amount_vnd=protocol.from_amount(request["vnp_Amount"]),
        order_info=request.get("vnp_OrderInfo", ""),
        bank_code=request.get("vnp_BankCode") or "NCB",
        response_code=response_code,
        transaction_status=status,
        create_date=request["vnp_CreateDate"],
        pay_date=timezone.now(),
    )


def result_params(txn: SimulatedTransaction, **overrides: str) -> dict[str, str]:
    """The signed parameters of the browser return and the IPN (``overrides`` for tests of forgeries)."""
    params = {
        "vnp_Amount": protocol.to_amount(txn.amount_vnd),
        "vnp_BankCode": txn.bank_code,
        "vnp_BankTranNo": f"VNP{txn.transaction_no}",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": txn.order_info,
        "vnp_PayDate": protocol.to_moment(txn.pay_date),
        "vnp_ResponseCode": txn.response_code,
        "vnp_TmnCode": txn.tmn_code,
        "vnp_TransactionNo": txn.transaction_no,
        "vnp_TransactionStatus": txn.transaction_status,
        "vnp_TxnRef": txn.txn_ref,
    }
    params.update(overrides)
    params[signing.HASH_FIELD] = signing.sign_query(params, config.current().secret)
    return params


def send_ipn(txn: SimulatedTransaction) -> dict[str, Any]:
    """Call the merchant's IPN address (registered with the terminal: this site's) and keep its answer."""
    import json

    url = f"{reverse('vnpay:ipn')}?{urlencode(result_params(txn))}"
    _status, content = transport.call_local("GET", url)
    answer = json.loads(content or b"{}")
    txn.ipn_answer = json.dumps(answer)[:255]
    txn.save(update_fields=["ipn_answer"])
    return answer


def return_url(request: Mapping[str, str], txn: SimulatedTransaction) -> str:
    base = request["vnp_ReturnUrl"]
    return f"{base}{'&' if '?' in base else '?'}{urlencode(result_params(txn))}"


def pay(request: Mapping[str, str], choice: str = "pay") -> tuple[SimulatedTransaction, str | None]:
    """The whole of a payer's visit: decide, send the IPN, give the return address (None when "lost")."""
    txn = decide(request, choice)
    if not CHOICES[choice][2]:
        return txn, None
    send_ipn(txn)
    return txn, return_url(request, txn)
