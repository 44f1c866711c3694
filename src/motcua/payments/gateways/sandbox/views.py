"""The sandbox gateway's payment page: stands in for the bank's site, so it is not part of the portal."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.payments.gateways.sandbox import ledger, signing
from motcua.payments.gateways.sandbox.gateway import SandboxGateway

REQUEST_FIELDS = ("ref", "amount", "desc", "callback")
# "lost" records a success at the bank but never returns to the merchant: what reconciliation is for.
CHOICES = {
    "succeeded": "succeeded",
    "failed": "failed",
    "cancelled": "cancelled",
    "lost": "succeeded",
}


def _safe_callback(url: str) -> bool:
    if url.startswith("/") and not url.startswith("//"):
        return True
    return url.startswith(settings.SITE_URL.rstrip("/") + "/")


def _verified_request(data: dict[str, str]) -> dict[str, str] | None:
    params = {field: data.get(field, "") for field in REQUEST_FIELDS}
    params[signing.SIGNATURE_FIELD] = data.get(signing.SIGNATURE_FIELD, "")
    if not signing.verify(params) or not params["amount"].isdigit() or not _safe_callback(params["callback"]):
        return None
    return params


def _bad_request(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message.encode(), content_type="text/plain; charset=utf-8")


@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest) -> HttpResponse:
    if settings.PAYMENT_GATEWAY != "sandbox":
        raise Http404  # a deployment with a real gateway has no sandbox page
    source = request.POST if request.method == "POST" else request.GET
    params = _verified_request(source.dict())
    if params is None:
        return _bad_request("Yêu cầu thanh toán không hợp lệ (sai chữ ký).")
    if request.method == "GET":
        return render(request, "payments/sandbox/checkout.html", {"params": params, "amount": int(params["amount"])})
    choice = request.POST.get("outcome", "")
    if choice not in CHOICES:
        return _bad_request("Lựa chọn không hợp lệ.")
    transaction = ledger.decide(reference=params["ref"], amount_vnd=int(params["amount"]), outcome=CHOICES[choice])
    if choice == "lost":
        return render(request, "payments/sandbox/lost.html", {"transaction": transaction})
    query = SandboxGateway.callback_params(transaction)
    separator = "&" if "?" in params["callback"] else "?"
    return HttpResponseRedirect(f"{params['callback']}{separator}{urlencode(query)}")
