"""Receiving a gateway's notice (browser return or server notification): verify, apply once, record.

Every notice is recorded (``GatewayNotice``), refused ones too, in a transaction of its own so that a
refusal leaves its trace. The verdict tells the gateway's view what to answer.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.payments.constants import NoticeVerdict
from motcua.payments.interface import GatewayResult, InvalidCallback, PaymentGateway
from motcua.payments.models import GatewayNotice, Payment, UsedNotice
from motcua.payments.services import apply_gateway_result

logger = logging.getLogger(__name__)

KEPT_PARAMS = 40  # a notice is a few fields; anything longer is not kept whole
HIDDEN = ("vnp_SecureHash", "sig")  # signatures are not secrets, but they are noise for an officer


@dataclass(frozen=True)
class NoticeOutcome:
    verdict: str
    code: str  # ok | invalid_signature | unknown_payment | amount_mismatch | invalid_payment_callback | error
    message: str
    payment: Payment | None = None


def _record(gateway: str, channel: str, params: Mapping[str, str], outcome: NoticeOutcome, client_ip: str) -> None:
    kept = {k: str(v)[:255] for k, v in list(params.items())[:KEPT_PARAMS] if k not in HIDDEN}
    payment = outcome.payment
    GatewayNotice.objects.create(
        gateway=gateway,
        channel=channel,
        received_at=timezone.now(),
        reference=(payment.reference if payment else str(params.get("vnp_TxnRef") or params.get("ref") or ""))[:100],
        transaction_id=str(params.get("vnp_TransactionNo") or params.get("txn") or "")[:64],
        verdict=outcome.verdict,
        code=outcome.code,
        message=outcome.message[:255],
        client_ip=client_ip[:64],
        params=kept,
    )


def receive_notice(
    adapter: PaymentGateway, params: Mapping[str, str], *, channel: str, client_ip: str = ""
) -> NoticeOutcome:
    try:
        result = adapter.parse_callback(params)
        with transaction.atomic():
            locked = Payment.objects.select_for_update().filter(reference=result.reference, gateway=adapter.name)
            before = locked.first()
            state_before = before.state if before is not None else None
            payment = apply_gateway_result(result, gateway=adapter.name, source=channel)
        # Applied when it changed the payment; a repeat (or a contradiction, logged by the service) changes nothing.
        verdict = NoticeVerdict.ACCEPTED if payment.state != state_before else NoticeVerdict.REPEATED
        outcome = NoticeOutcome(verdict, "ok", payment.get_state_display(), payment)
    except InvalidCallback as error:
        logger.warning("Refused %s notice from %s: %s", channel, adapter.name, error.code)
        outcome = NoticeOutcome(NoticeVerdict.REFUSED, error.code, error.message)
    with transaction.atomic():
        _record(adapter.name, channel, params, outcome, client_ip)
    return outcome


def claim(result: GatewayResult, *, gateway: str, now: datetime) -> None:
    """Refuse a server notification that is stale or replayed; otherwise keep its id as used.

    Called in the transaction that applies the notice: the id is kept only if the notice was applied, so
    a notice whose processing failed can be sent again. A gateway whose protocol carries no signing moment
    or notice id (VNPAY answers a repeated IPN with its own code 02) is not checked here.
    """
    if (
        result.signed_at is not None
        and abs(now.timestamp() - result.signed_at) > settings.PAYMENT_NOTICE_MAX_AGE_SECONDS
    ):
        raise InvalidCallback("Thông báo thanh toán đã quá thời hạn hiệu lực.", code="stale_notice")
    if not result.notice_id:
        return
    try:
        with transaction.atomic():
            UsedNotice.objects.create(gateway=gateway, notice_id=result.notice_id, used_at=now)
    except IntegrityError:
        raise InvalidCallback("Thông báo thanh toán này đã được nhận trước đó.", code="replayed_notice") from None
