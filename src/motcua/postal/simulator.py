"""A local simulator of the postal operator's API, for the demo and the tests (never the internet).

It speaks the protocol ``operators.VNPostOperator`` sends: a token for the account, an order per
shipment (mandatory fields checked, the same order sent twice answered once), the tracking of an
order; and it plays the operator's side of a shipment: :func:`advance` adds a tracking event and
returns the signed callback the operator would post (``postal_simulator`` sends it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.postal import signing
from motcua.postal.constants import TRACKING_CODES
from motcua.postal.models import SimulatedShipment

MANDATORY = (
    "CustomerCode",
    "OrderNumber",
    "SenderName",
    "SenderAddress",
    "SenderTel",
    "SenderProvince",
    "ReceiverName",
    "ReceiverAddress",
    "ReceiverTel",
    "ReceiverProvince",
)
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def item_code(serial: int, prefix: str = "EB") -> str:
    """A tracking number in the UPU S10 form: two letters, eight digits, a check digit, "VN"."""
    digits = f"{serial % 100_000_000:08d}"
    check = 11 - sum(int(d) * w for d, w in zip(digits, S10_WEIGHTS, strict=True)) % 11
    check = {10: 0, 11: 5}.get(check, check)
    return f"{prefix}{digits}{check}VN"


def _sandbox_only() -> None:
    """The simulator exists for the sandbox operator only: with a real operator its routes are absent."""
    if settings.POSTAL_OPERATOR != "sandbox":
        raise Http404


def _token() -> str:
    return hmac.new(settings.POSTAL_CALLBACK_SECRET.encode(), b"sandbox-token", hashlib.sha256).hexdigest()


def _authorised(request: HttpRequest) -> bool:
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(given) and hmac.compare_digest(given, _token())


def _answer(status: int, message: str, **extra: Any) -> JsonResponse:
    code = "100" if status == 200 else str(status)
    return JsonResponse({"Status": code, "Message": message, **extra}, status=status)


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@csrf_exempt  # the simulator stands in for another company's server: no browser, no session
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    _sandbox_only()
    data = _body(request)
    good = data.get("username") == "sandbox" and hmac.compare_digest(
        str(data.get("password", "")), settings.POSTAL_CALLBACK_SECRET
    )
    if not good:
        return _answer(401, "Sai tài khoản hoặc mật khẩu.")
    return JsonResponse({"access_token": _token(), "expires_in": 3600})


@csrf_exempt
@require_POST
def orders(request: HttpRequest) -> JsonResponse:
    _sandbox_only()
    if not _authorised(request):
        return _answer(401, "Mã truy cập không hợp lệ.")
    data = _body(request)
    missing = [name for name in MANDATORY if not str(data.get(name, "")).strip()]
    if missing:
        return _answer(400, "Thiếu trường bắt buộc: " + ", ".join(missing))
    key = request.headers.get("Idempotency-Key", "") or f"{data['OrderNumber']}:{data.get('FlagConfig', '')}"
    with transaction.atomic():
        shipment, created = SimulatedShipment.objects.get_or_create(
            request_key=key[:200],
            defaults={"order_number": data["OrderNumber"], "payload": data, "created_at": timezone.now()},
        )
        if created:
            shipment.item_code = str(data.get("ItemCode") or "") or item_code(shipment.pk)
            shipment.save(update_fields=["item_code"])
            add_event(shipment, "100", timezone.now())
    return _answer(200, "Thành công", ItemCode=shipment.item_code, OrderNumber=shipment.order_number)


@require_GET
def tracking(request: HttpRequest) -> JsonResponse:
    _sandbox_only()
    if not _authorised(request):
        return _answer(401, "Mã truy cập không hợp lệ.")
    found = SimulatedShipment.objects.filter(order_number=request.GET.get("OrderNumber", ""))
    if request.GET.get("ItemCode"):
        found = found.filter(item_code=request.GET["ItemCode"])
    rows = [event for shipment in found.order_by("pk") for event in shipment.events]
    return _answer(200, "Thành công", TrackingEvents=rows)


def add_event(shipment: SimulatedShipment, code: str, now: datetime, post_office: str = "") -> dict[str, Any]:
    """The operator's next event on ``shipment`` (saved), in the form it reports events."""
    _state, label = TRACKING_CODES.get(code, ("", f"Mã {code}"))
    event = {
        "EventId": f"{shipment.item_code}-{len(shipment.events) + 1:03d}",
        "OrderNumber": shipment.order_number,
        "ItemCode": shipment.item_code,
        "StatusCode": code,
        "StatusName": label,
        "PostOffice": post_office or "Bưu cục trung tâm",
        "EventTime": timezone.localtime(now).isoformat(timespec="seconds"),
    }
    shipment.events = [*shipment.events, event]
    shipment.save(update_fields=["events"])
    return event


def advance(order_number: str, code: str, *, now: datetime, post_office: str = "") -> tuple[bytes, dict[str, str]]:
    """Add an event to the latest shipment of ``order_number``; the callback the operator would post
    (body and headers, signed with the shared secret at ``now``)."""
    shipment = SimulatedShipment.objects.filter(order_number=order_number).order_by("-pk").first()
    if shipment is None:
        raise LookupError(f"no simulated shipment for {order_number}")
    event = add_event(shipment, code, now, post_office)
    return signed_callback(event, now=now)


def signed_callback(event: dict[str, Any], *, now: datetime, secret: str | None = None) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(event, ensure_ascii=False).encode()
    key = settings.POSTAL_CALLBACK_SECRET if secret is None else secret
    header = signing.sign(key, body, int(now.timestamp()))
    return body, {"Content-Type": "application/json", signing.SIGNATURE_HEADER: header}
