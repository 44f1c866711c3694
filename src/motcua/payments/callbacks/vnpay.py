"""VNPAY's two calls to this site: the payer's browser coming back (return) and the IPN.

Both carry the same signed parameters. The IPN is VNPAY's server asking us to confirm: it is answered
in JSON with the RspCode VNPAY expects (00 confirmed, 01 order not found, 02 already confirmed,
04 invalid amount, 97 invalid signature, 99 other error); VNPAY repeats an IPN until it gets 00 or 02.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from motcua.core.clientaddr import client_ip
from motcua.payments.constants import NoticeVerdict
from motcua.payments.gateways.vnpay import protocol
from motcua.payments.gateways.vnpay.gateway import VnpayGateway
from motcua.payments.notices import NoticeOutcome, receive_notice

logger = logging.getLogger(__name__)

IPN_ANSWERS = {
    "invalid_signature": protocol.IPN_INVALID_SIGNATURE,
    "unknown_payment": protocol.IPN_ORDER_NOT_FOUND,
    "amount_mismatch": protocol.IPN_INVALID_AMOUNT,
}


def ipn_answer(outcome: NoticeOutcome) -> tuple[str, str]:
    if outcome.verdict == NoticeVerdict.ACCEPTED:
        return protocol.IPN_CONFIRMED
    if outcome.verdict == NoticeVerdict.REPEATED:
        return protocol.IPN_ALREADY_CONFIRMED
    return IPN_ANSWERS.get(outcome.code, protocol.IPN_INVALID_SIGNATURE)


@csrf_exempt  # VNPAY's server calls without our CSRF token; the HMAC-SHA512 signature authenticates it
@require_GET
def ipn(request: HttpRequest) -> HttpResponse:
    try:
        outcome = receive_notice(VnpayGateway(), request.GET.dict(), channel="ipn", client_ip=client_ip(request))
        code, message = ipn_answer(outcome)
    except Exception:  # VNPAY must get an answer it understands; it will repeat the IPN
        logger.exception("VNPAY IPN could not be processed")
        code, message = protocol.IPN_UNKNOWN_ERROR
    return JsonResponse({"RspCode": code, "Message": message})


@require_GET
def browser_return(request: HttpRequest) -> HttpResponse:
    outcome = receive_notice(VnpayGateway(), request.GET.dict(), channel="return", client_ip=client_ip(request))
    if outcome.payment is None:
        return render(request, "payments/vnpay/return_refused.html", {"outcome": outcome}, status=400)
    return redirect(outcome.payment.return_url or "/")
