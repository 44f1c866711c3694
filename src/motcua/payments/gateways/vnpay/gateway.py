"""VNPAY adapter of the payment-gateway port (API 2.1.0). The protocol: ``docs/payments.md``, "VNPAY"."""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from motcua.payments.gateways.vnpay import config, protocol, signing, statement, transport
from motcua.payments.interface import (
    CheckoutRequest,
    GatewayOutcome,
    GatewayResult,
    GatewayUnavailable,
    InvalidCallback,
    PaymentGateway,
    RefundRequest,
    RefundResult,
    StatementLine,
)

logger = logging.getLogger(__name__)

RESULT_FIELDS = ("vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_ResponseCode", "vnp_TransactionStatus")
SERVER_IP = "127.0.0.1"  # the address VNPAY sees for API calls is checked by VNPAY, not by this value


def plain_text(text: str, limit: int = 255) -> str:
    """vnp_OrderInfo: Vietnamese without diacritics and without special characters, as VNPAY requires."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", re.sub(r"[^A-Za-z0-9 .,:\-]", " ", text)).strip()[:limit]


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL.rstrip("/") + url


def outcome_of(response_code: str, status: str) -> GatewayOutcome:
    if response_code in (protocol.RESPONSE_SUCCESS, protocol.RESPONSE_SUSPECTED) and status in (
        protocol.STATUS_SUCCESS,
        protocol.STATUS_SUSPECTED,
    ):
        return GatewayOutcome.SUCCEEDED  # the money was taken (07: under review at VNPAY, still taken)
    if response_code == protocol.RESPONSE_CANCELLED:
        return GatewayOutcome.CANCELLED
    return GatewayOutcome.FAILED


class VnpayGateway(PaymentGateway):
    name = "vnpay"
    label = "Cổng thanh toán VNPAY"
    supports_refund = True

    def checkout_url(self, request: CheckoutRequest) -> str:
        cfg = config.current()
        created = request.created_at or timezone.now()
        expiry = created + timedelta(minutes=settings.PAYMENT_PENDING_EXPIRY_MINUTES)
        params = {
            "vnp_Version": protocol.VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": cfg.tmn_code,
            "vnp_Amount": protocol.to_amount(request.amount_vnd),
            "vnp_CurrCode": protocol.CURRENCY,
            "vnp_TxnRef": request.reference,
            "vnp_OrderInfo": plain_text(request.description) or request.reference,
            "vnp_OrderType": protocol.ORDER_TYPE,
            "vnp_Locale": "vn",
            # VNPAY sends the payer back to one address per terminal (its domain is registered with VNPAY).
            "vnp_ReturnUrl": absolute(reverse("vnpay:return")),
            "vnp_IpAddr": request.client_ip or SERVER_IP,
            "vnp_CreateDate": protocol.to_moment(created),
            "vnp_ExpireDate": protocol.to_moment(expiry),
        }
        query = signing.query_data(params)
        return f"{cfg.payment_url}?{query}&{urlencode({signing.HASH_FIELD: signing.sign_query(params, cfg.secret)})}"

    def parse_callback(self, params: Mapping[str, str]) -> GatewayResult:
        cfg = config.current()
        if not signing.verify_query(params, cfg.secret):
            raise InvalidCallback("Chữ ký của thông báo thanh toán không hợp lệ.", code="invalid_signature")
        missing = [name for name in RESULT_FIELDS if not params.get(name)]
        if missing:
            raise InvalidCallback(
                "Thông báo từ cổng thanh toán thiếu thông tin.", fields={f: ["Thiếu"] for f in missing}
            )
        if params["vnp_TmnCode"] != cfg.tmn_code:
            raise InvalidCallback("Thông báo không dành cho đơn vị này.", code="invalid_signature")
        try:
            amount = protocol.from_amount(params["vnp_Amount"])
        except ValueError as exc:
            raise InvalidCallback("Số tiền trong thông báo không hợp lệ.") from exc
        code = params["vnp_ResponseCode"]
        return GatewayResult(
            reference=params["vnp_TxnRef"],
            outcome=outcome_of(code, params["vnp_TransactionStatus"]),
            amount_vnd=amount,
            transaction_id=params.get("vnp_TransactionNo", ""),
            message=protocol.RESPONSE_MESSAGES.get(code, protocol.RESPONSE_MESSAGES["99"]),
        )

    def _call(self, body: dict[str, Any], request_fields: tuple[str, ...], response_fields: tuple[str, ...]) -> dict:
        cfg = config.current()
        body[signing.HASH_FIELD] = signing.sign_fields(body, request_fields, cfg.secret)
        answer = transport.post_json(cfg.api_url, body, timeout=cfg.timeout)
        if not signing.verify_fields(answer, response_fields, cfg.secret):
            logger.warning("VNPAY %s answer for %s has an invalid signature", body["vnp_Command"], body["vnp_TxnRef"])
            raise GatewayUnavailable("Trả lời của cổng thanh toán không có chữ ký hợp lệ.", code="invalid_signature")
        return answer

    def _base(self, command: str, reference: str, info: str) -> dict[str, Any]:
        return {
            "vnp_RequestId": uuid.uuid4().hex,
            "vnp_Version": protocol.VERSION,
            "vnp_Command": command,
            "vnp_TmnCode": config.current().tmn_code,
            "vnp_TxnRef": reference,
            "vnp_OrderInfo": plain_text(info),
            "vnp_CreateDate": protocol.to_moment(timezone.now()),
            "vnp_IpAddr": SERVER_IP,
        }

    def query(self, reference: str) -> GatewayResult | None:
        from motcua.payments.models import Payment  # the date VNPAY needs is the attempt's own

        payment = Payment.objects.filter(reference=reference, gateway=self.name).first()
        if payment is None:
            return None
        body = self._base(protocol.COMMAND_QUERY, reference, f"Truy van giao dich {reference}")
        body["vnp_TransactionDate"] = protocol.to_moment(payment.created_at)
        answer = self._call(body, protocol.QUERY_REQUEST_FIELDS, protocol.QUERY_RESPONSE_FIELDS)
        if answer.get("vnp_ResponseCode") != "00":
            return None  # 91: VNPAY has no such transaction (the payer never paid)
        status = str(answer.get("vnp_TransactionStatus", ""))
        if status == protocol.STATUS_PENDING:
            return None
        paid = status in (protocol.STATUS_SUCCESS, protocol.STATUS_SUSPECTED) or status in (
            protocol.STATUS_REFUND_PROCESSING,
            protocol.STATUS_REFUND_SENT,
            protocol.STATUS_REFUND_REFUSED,
        )
        return GatewayResult(
            reference=reference,
            outcome=GatewayOutcome.SUCCEEDED if paid else GatewayOutcome.FAILED,
            amount_vnd=protocol.from_amount(str(answer.get("vnp_Amount", "0"))),
            transaction_id=str(answer.get("vnp_TransactionNo", "")),
            message=str(answer.get("vnp_Message", ""))[:255],
        )

    def refund(self, request: RefundRequest) -> RefundResult:
        full = request.amount_vnd >= request.paid_amount_vnd
        body = self._base(protocol.COMMAND_REFUND, request.reference, f"Hoan tien {request.reference}")
        body.update(
            {
                "vnp_TransactionType": protocol.REFUND_FULL if full else protocol.REFUND_PARTIAL,
                "vnp_Amount": int(protocol.to_amount(request.amount_vnd)),
                "vnp_TransactionNo": request.transaction_id,
                "vnp_TransactionDate": protocol.to_moment(request.created_at),
                "vnp_CreateBy": plain_text(request.requested_by, 64) or "motcua",
            }
        )
        answer = self._call(body, protocol.REFUND_REQUEST_FIELDS, protocol.REFUND_RESPONSE_FIELDS)
        code = str(answer.get("vnp_ResponseCode", "99"))
        message = str(answer.get("vnp_Message", "")) or protocol.API_MESSAGES.get(code, "")
        return RefundResult(accepted=code == "00", refund_id=str(answer.get("vnp_TransactionNo", "")), message=message)

    def statement(self, day: date) -> list[StatementLine]:
        cfg = config.current()
        if not cfg.statement_url:
            raise GatewayUnavailable(
                "Chưa cấu hình nơi tải bảng kê VNPAY: dùng tệp tải từ trang quản trị của VNPAY.",
                code="statement_unavailable",
            )
        text = transport.get_text(cfg.statement_url.replace("{date}", day.isoformat()), timeout=cfg.timeout)
        return self.parse_statement(text)

    def parse_statement(self, text: str) -> list[StatementLine]:
        try:
            return statement.parse(text, config.current().tmn_code)
        except statement.StatementError as exc:
            raise GatewayUnavailable(f"Bảng kê không đúng định dạng: {exc}", code="invalid_statement") from exc
