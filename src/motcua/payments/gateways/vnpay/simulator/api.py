"""The simulated merchant API (one JSON POST endpoint): querydr and refund, signed both ways."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.payments.gateways.vnpay import config, protocol, signing
from motcua.payments.gateways.vnpay.simulator.models import SimulatedTransaction


def _answer(
    request: dict[str, Any], code: str, fields: tuple[str, ...], txn: SimulatedTransaction | None, **extra: Any
):
    cfg = config.current()
    answer: dict[str, Any] = {
        "vnp_ResponseId": secrets.token_hex(16),
        "vnp_Command": request.get("vnp_Command", ""),
        "vnp_ResponseCode": code,
        "vnp_Message": protocol.API_MESSAGES.get(code, protocol.API_MESSAGES["99"]),
        "vnp_TmnCode": cfg.tmn_code,
        "vnp_TxnRef": request.get("vnp_TxnRef", ""),
    }
    if txn is not None:
        answer.update(
            {
                "vnp_Amount": protocol.to_amount(txn.amount_vnd),
                "vnp_BankCode": txn.bank_code,
                "vnp_PayDate": protocol.to_moment(txn.pay_date),
                "vnp_TransactionNo": txn.transaction_no,
                "vnp_TransactionType": txn.transaction_type,
                "vnp_TransactionStatus": txn.transaction_status,
                "vnp_OrderInfo": txn.order_info,
            }
        )
    answer.update(extra)
    answer[signing.HASH_FIELD] = signing.sign_fields(answer, fields, cfg.secret)
    return answer


def handle(request: dict[str, Any]) -> dict[str, Any]:
    command = request.get("vnp_Command")
    if command == protocol.COMMAND_QUERY:
        return _query(request)
    if command == protocol.COMMAND_REFUND:
        return _refund(request)
    return _answer(request, "03", protocol.QUERY_RESPONSE_FIELDS, None)


def _payment(request: dict[str, Any]) -> SimulatedTransaction | None:
    return SimulatedTransaction.objects.filter(
        txn_ref=request.get("vnp_TxnRef", ""), tmn_code=config.current().tmn_code, transaction_type="01"
    ).first()


def _query(request: dict[str, Any]) -> dict[str, Any]:
    fields = protocol.QUERY_RESPONSE_FIELDS
    if not signing.verify_fields(request, protocol.QUERY_REQUEST_FIELDS, config.current().secret):
        return _answer(request, "97", fields, None)
    txn = _payment(request)
    if txn is None or txn.create_date != request.get("vnp_TransactionDate"):
        return _answer(request, "91", fields, None)
    return _answer(request, "00", fields, txn, vnp_PromotionCode="", vnp_PromotionAmount="")


@transaction.atomic
def _refund(request: dict[str, Any]) -> dict[str, Any]:
    fields = protocol.REFUND_RESPONSE_FIELDS
    if not signing.verify_fields(request, protocol.REFUND_REQUEST_FIELDS, config.current().secret):
        return _answer(request, "97", fields, None)
    txn = _payment(request)
    if txn is None or txn.create_date != request.get("vnp_TransactionDate"):
        return _answer(request, "91", fields, None)
    if txn.transaction_status != protocol.STATUS_SUCCESS:
        return _answer(request, "95", fields, txn)
    try:
        amount = protocol.from_amount(str(request.get("vnp_Amount", "")))
    except ValueError:
        return _answer(request, "03", fields, None)
    refunded = sum(r.amount_vnd for r in txn.refunds.all())
    kind = request.get("vnp_TransactionType")
    if kind not in (protocol.REFUND_FULL, protocol.REFUND_PARTIAL) or amount <= 0 or amount + refunded > txn.amount_vnd:
        return _answer(request, "03", fields, None)
    refund = SimulatedTransaction.objects.create(
        tmn_code=txn.tmn_code,
        txn_ref=txn.txn_ref,
        transaction_no=str(10_000_000 + secrets.randbelow(89_999_999)),
        transaction_type=kind,
        amount_vnd=amount,
        order_info=str(request.get("vnp_OrderInfo", ""))[:255],
        bank_code=txn.bank_code,
        response_code="00",
        transaction_status=protocol.STATUS_SUCCESS,
        create_date=str(request.get("vnp_CreateDate", "")),
        pay_date=timezone.now(),
        refund_of=txn,
    )
    return _answer(request, "00", fields, refund)
