"""The simulator's pages and endpoints; 404 unless PAYMENT_VNPAY_SIMULATOR is on."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.payments.gateways.vnpay import protocol, statement
from motcua.payments.gateways.vnpay.simulator import api, ledger
from motcua.payments.gateways.vnpay.simulator.models import SimulatedTransaction

BANKS = (
    ("NCB", "Ngân hàng NCB"),
    ("VCB", "Vietcombank"),
    ("BIDV", "BIDV"),
    ("VNPAYQR", "Ứng dụng ngân hàng (VNPAY-QR)"),
)


def simulator_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.PAYMENT_VNPAY_SIMULATOR:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _bad(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message.encode(), content_type="text/plain; charset=utf-8")


@simulator_only
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    params = ledger.verified_request(source.dict())
    if params is None:
        return _bad("Yêu cầu thanh toán không hợp lệ: sai chữ ký hoặc thiếu tham số (mã lỗi 97).")
    if request.method == "GET":
        amount = protocol.from_amount(params["vnp_Amount"])
        return render(
            request, "payments/vnpay/simulator/pay.html", {"params": params, "amount": amount, "banks": BANKS}
        )
    choice = request.POST.get("choice", "")
    if choice not in ledger.CHOICES:
        return _bad("Lựa chọn không hợp lệ.")
    if request.POST.get("bank") in dict(BANKS):
        params["vnp_BankCode"] = request.POST["bank"]
    txn, back = ledger.pay(params, choice)
    if back is None:
        return render(request, "payments/vnpay/simulator/lost.html", {"txn": txn})
    return redirect(back)


@csrf_exempt  # a server-to-server JSON API, authenticated by its signature
@simulator_only
@require_POST
def merchant_api(request: HttpRequest) -> HttpResponse:
    try:
        body = json.loads(request.body)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return JsonResponse({"vnp_ResponseCode": "03", "vnp_Message": protocol.API_MESSAGES["03"]})
    return JsonResponse(api.handle(body))


@simulator_only
@require_GET
def daily_statement(request: HttpRequest, day: str) -> HttpResponse:
    try:
        wanted = date.fromisoformat(day)
    except ValueError as exc:
        raise Http404 from exc
    start = timezone.make_aware(datetime.combine(wanted, time.min))
    rows = SimulatedTransaction.objects.filter(pay_date__gte=start, pay_date__lt=start + timedelta(days=1))
    text = statement.render(
        [
            {
                "vnp_TmnCode": t.tmn_code,
                "vnp_TxnRef": t.txn_ref,
                "vnp_TransactionNo": t.transaction_no,
                "vnp_TransactionType": t.transaction_type,
                "vnp_Amount": protocol.to_amount(t.amount_vnd),
                "vnp_PayDate": protocol.to_moment(t.pay_date),
                "vnp_TransactionStatus": t.transaction_status,
                "vnp_BankCode": t.bank_code,
            }
            for t in rows
        ]
    )
    return HttpResponse(text, content_type="text/csv; charset=utf-8")
