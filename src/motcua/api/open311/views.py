"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2/) over the feedback context.

Thin: read the query or the form, call ``feedback.selectors`` / ``feedback.services``, render with
``render``. Errors use Open311's shape (``[{"code", "description"}]``), never the project's JSON one, so
existing Open311 apps and libraries read them. Posting a request needs ``api_key`` (a key of
``integrations`` with the ``reports:write`` scope), as the specification puts it, in the form.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from motcua.api.open311 import mapping, render
from motcua.api.throttling import ClientScopedRateThrottle
from motcua.core.exceptions import DomainError
from motcua.feedback import selectors, services
from motcua.feedback.constants import OPEN311_CLOSED, Channel, Status
from motcua.feedback.models import FeedbackItem
from motcua.integrations.constants import Scope
from motcua.integrations.selectors import KeyRefused, client_for_key
from motcua.integrations.services import note_use

logger = logging.getLogger(__name__)

MAX_RANGE = timedelta(days=90)  # the specification's longest span of start_date..end_date
MAX_ITEMS = 1000


class Open311View(APIView):
    """No session or token: Open311 reads are public and writes carry their ``api_key``."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    schema = None  # documented in docs/feedback.md, outside the OpenAPI file (another standard)

    def handle_exception(self, exc: Exception) -> HttpResponse:  # type: ignore[override]  # Open311 error body
        fmt = self.kwargs.get("fmt", "json") if hasattr(self, "kwargs") else "json"
        fmt = fmt if fmt in render.FORMATS else "json"
        response = super().handle_exception(exc)  # re-raises what the API's handler does not know (a bug)
        status = response.status_code
        detail = response.data.get("message") if isinstance(response.data, dict) else None
        return render.errors(fmt, status, str(detail or "Yêu cầu không hợp lệ."))


def _format(fmt: str) -> str | None:
    return fmt if fmt in render.FORMATS else None


class DiscoveryView(Open311View):
    def get(self, request: Request, fmt: str) -> HttpResponse:
        if _format(fmt) is None:
            return render.errors("json", 404, "Định dạng chỉ là json hoặc xml.")
        base = request.build_absolute_uri("/api/open311/v2/")
        document = {
            "changeset": "2026-12-04T00:00:00+07:00",
            "contact": "Trung tâm Phục vụ hành chính công",
            "key_service": "Khóa API do quản trị hệ thống cấp (phạm vi reports:write).",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base,
                    "changeset": "2026-12-04T00:00:00+07:00",
                    "type": "production",
                    "formats": ["application/json", "text/xml"],
                }
            ],
        }
        return render.respond(fmt, "discovery", document)


class ServiceListView(Open311View):
    def get(self, request: Request, fmt: str) -> HttpResponse:
        if _format(fmt) is None:
            return render.errors("json", 404, "Định dạng chỉ là json hoặc xml.")
        return render.respond(fmt, "services", [mapping.service(c) for c in selectors.active_categories()])


class ServiceDefinitionView(Open311View):
    def get(self, request: Request, code: str, fmt: str) -> HttpResponse:
        if _format(fmt) is None:
            return render.errors("json", 404, "Định dạng chỉ là json hoặc xml.")
        category = selectors.active_categories().filter(code=code).first()
        if category is None:
            return render.errors(fmt, 404, f"Không có service_code “{code[:40]}”.")
        return render.respond(fmt, "service_definition", mapping.service_definition(category))


def _moment(raw: str | None, name: str) -> datetime | None:
    if not raw:
        return None
    try:
        parsed = parse_datetime(raw.strip().replace(" ", "+"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise DomainError(f"{name} phải theo ISO 8601 có múi giờ, ví dụ 2026-03-02T09:00:00+07:00.")
    return parsed


def _listing_filters(query: Any, now: datetime) -> dict[str, Any]:
    codes = [c for c in query.get("service_request_id", "").split(",") if c.strip()]
    if codes:
        return {"codes": codes[:MAX_ITEMS]}
    start, end = _moment(query.get("start_date"), "start_date"), _moment(query.get("end_date"), "end_date")
    end = end or (start + MAX_RANGE if start else now)
    start = start or end - MAX_RANGE
    if end < start or end - start > MAX_RANGE:
        raise DomainError("Khoảng start_date–end_date tối đa 90 ngày và phải theo thứ tự.")
    wanted = {s.strip() for s in query.get("status", "").split(",") if s.strip()}
    if not wanted <= {"open", "closed"}:
        raise DomainError("status chỉ nhận open hoặc closed.")
    statuses = None
    if len(wanted) == 1:
        closed = "closed" in wanted
        statuses = [str(s) for s in Status if (s in OPEN311_CLOSED) == closed]
    service_codes = [c.strip() for c in query.get("service_code", "").split(",") if c.strip()] or None
    return {"start": start, "end": end, "statuses": statuses, "service_codes": service_codes}


def _requests(items: list[FeedbackItem]) -> list[dict[str, Any]]:
    return [mapping.request(item, updated=getattr(item, "updated", None)) for item in items]


class RequestListView(Open311View):
    def get_throttles(self) -> list[Any]:
        if self.request.method == "POST":
            self.throttle_scope = "feedback_submit"
            return [ClientScopedRateThrottle()]
        return []

    def get(self, request: Request, fmt: str) -> HttpResponse:
        if _format(fmt) is None:
            return render.errors("json", 404, "Định dạng chỉ là json hoặc xml.")
        try:
            filters = _listing_filters(request.query_params, timezone.now())
        except DomainError as error:
            return render.errors(fmt, 400, error.message)
        items = selectors.requests_feed(**filters, limit=MAX_ITEMS)
        return render.respond(fmt, "service_requests", _requests(items))

    def post(self, request: Request, fmt: str) -> HttpResponse:
        if _format(fmt) is None:
            return render.errors("json", 404, "Định dạng chỉ là json hoặc xml.")
        form = request.data
        client = _client(form.get("api_key", ""))
        if client is None:
            return render.errors(fmt, 403, "api_key không hợp lệ hoặc không có phạm vi gửi phản ánh.")
        try:
            item = services.submit_feedback(_submission(form), channel=Channel.API, api_client=client)
        except DomainError as error:
            messages = [f"{field}: {text}" for field, texts in error.fields.items() for text in texts]
            return render.errors(fmt, 400, *(messages or [error.message]))
        answer = {
            "service_request_id": item.code,
            "service_notice": mapping.service(item.category)["description"],
            "account_id": None,
        }
        return render.respond(fmt, "service_requests", [answer], status=201)


def _client(key: str) -> Any:
    now = timezone.now()
    try:
        client = client_for_key(str(key), now)
    except KeyRefused as refused:
        logger.warning("Open311 api_key refused (%s)", refused.reason)
        return None
    if not client.allows(Scope.REPORTS_WRITE):
        return None
    note_use(client, now)
    return client


def _decimal(raw: Any, name: str) -> Decimal | None:
    """A coordinate as a number within ±180, six decimals; anything else is a 400 on its field."""
    if raw in (None, ""):
        return None
    message = f"{name} phải là số từ -180 đến 180."
    try:
        value = Decimal(str(raw).strip())
        if not value.is_finite() or abs(value) > 180:
            raise InvalidOperation
        return value.quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise DomainError(message, code="invalid", fields={name: [message]}) from None


def _submission(form: Any) -> services.Submission:
    """GeoReport's fields as our submission: the title is the description's start; address_id may be a commune code."""
    description = str(form.get("description", "")).strip()
    lat, long = _decimal(form.get("lat"), "lat"), _decimal(form.get("long"), "long")
    address = str(form.get("address_string", "")).strip()
    if lat is None and not address and not form.get("address_id"):
        raise DomainError("Cần vị trí: lat và long, address_string hoặc address_id.", code="invalid")
    name = " ".join(str(form.get(k, "")).strip() for k in ("first_name", "last_name")).strip()
    phone, email = str(form.get("phone", "")).strip(), str(form.get("email", "")).strip()
    first_line = description.split("\n", 1)[0]
    return services.Submission(
        category=str(form.get("service_code", "")),
        title=first_line[:80].strip() if len(first_line) >= 5 else description[:80],
        content=description,
        anonymous=not (name and (phone or email)),
        name=name,
        phone=phone,
        email=email,
        unit_code=str(form.get("address_id", "")).strip()[:10],
        address=address[:300],
        latitude=lat,
        longitude=long,
    )


class RequestDetailView(Open311View):
    def get(self, request: Request, code: str, fmt: str) -> HttpResponse:
        if _format(fmt) is None:
            return render.errors("json", 404, "Định dạng chỉ là json hoặc xml.")
        items = selectors.requests_feed(codes=[code], limit=1)
        if not items:
            return render.errors(fmt, 404, f"Không có service_request_id “{code[:40]}”.")
        return render.respond(fmt, "service_requests", _requests(items))
