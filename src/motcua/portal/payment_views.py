"""Return from the payment gateway: browser redirects (GET) and server notifications (POST)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from motcua.payments import notices
from motcua.payments import services as payment_services
from motcua.payments.gateway import get_gateway
from motcua.payments.interface import InvalidCallback


@csrf_exempt  # gateways post server-to-server without our CSRF token; the HMAC signature authenticates them
@require_http_methods(["GET", "POST"])
def payment_callback(request: HttpRequest, gateway: str) -> HttpResponse:
    params = (request.POST if request.method == "POST" else request.GET).dict()
    try:
        adapter = get_gateway(gateway)
    except Exception:
        return _reject(request, InvalidCallback("Cổng thanh toán không được hỗ trợ."))
    try:
        result = adapter.parse_callback(params)
        with transaction.atomic():
            if request.method == "POST":
                # A server notification is applied once: stale or replayed ones are refused. A browser return
                # (GET) shown again, e.g. on a reload, changes nothing and leads to the payment's page.
                notices.claim(result, gateway=adapter.name, now=timezone.now())
            payment = payment_services.apply_gateway_result(result, gateway=adapter.name, source="callback")
    except InvalidCallback as error:
        return _reject(request, error)
    if request.method == "POST":
        return JsonResponse({"code": "ok", "state": payment.state})
    return redirect(payment.return_url or "portal:home")


def _reject(request: HttpRequest, error: InvalidCallback) -> HttpResponse:
    if request.method == "POST":
        status = 409 if error.code == "replayed_notice" else 400
        return JsonResponse({"code": error.code, "message": error.message, "fields": error.fields}, status=status)
    return render(request, "portal/payment_rejected.html", {"error": error}, status=400)
