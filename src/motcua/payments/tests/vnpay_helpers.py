"""Driving the VNPAY gateway and its simulator in tests (no browser, no network)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from motcua.payments import services
from motcua.payments.gateways.vnpay.simulator import ledger
from motcua.payments.models import Payment


def start(amount: int = 50_000, subject: str = "", actor: Any = None) -> tuple[Payment, dict[str, str]]:
    """A pending VNPAY payment and the signed request its payment URL carries."""
    payment, url = services.start_payment(
        amount_vnd=amount,
        description="Lệ phí cấp giấy phép xây dựng",
        callback_url="/thanh-toan/ket-qua/vnpay/",
        return_url="/ho-so-cua-toi/",
        subject=subject,
        actor=actor,
        gateway_name="vnpay",
        client_ip="203.0.113.7",
    )
    return payment, dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def pay(amount: int = 50_000, subject: str = "", choice: str = "pay") -> tuple[Payment, Any, str | None]:
    payment, request = start(amount, subject)
    verified = ledger.verified_request(request)
    assert verified is not None
    txn, back = ledger.pay(verified, choice)
    payment.refresh_from_db()
    return payment, txn, back
