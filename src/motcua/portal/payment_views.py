"""Return from the payment gateway: browser redirects (GET) and server notifications (POST)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

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
        payment = payment_services.apply_gateway_result(result, gateway=adapter.name, source="callback")
    except InvalidCallback as error:
        return _reject(request, error)
    if request.method == "POST":
        return JsonResponse({"code": "ok", "state": payment.state})
    return redirect(payment.return_url or "portal:home")


def _reject(request: HttpRequest, error: InvalidCallback) -> HttpResponse:
    if request.method == "POST":
        return JsonResponse({"code": error.code, "message": error.message, "fields": error.fields}, status=400)
    return render(request, "portal/payment_rejected.html", {"error": error}, status=400)
