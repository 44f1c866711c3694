"""HTTP to VNPAY, or to the local simulator when the address is a path of this site.

A path (``/vnpay-gia-lap/…``) is served inside this process by resolving it to its view: the
simulator is part of the application, so development, the demo and the tests need no network and
nothing can reach the internet. Any other address goes out with httpx.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
from django.http import HttpResponseBase
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from motcua.payments.interface import GatewayUnavailable

logger = logging.getLogger(__name__)


def is_local(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def call_local(method: str, url: str, *, body: bytes = b"", content_type: str = "") -> tuple[int, bytes]:
    """Serve ``method url`` with this site's view for the path (the query string is kept)."""
    factory = RequestFactory()
    if method == "GET":
        request = factory.get(url)
    else:
        request = factory.post(url, data=body, content_type=content_type or "application/octet-stream")
    try:
        match = resolve(request.path_info)
    except Resolver404 as exc:
        raise GatewayUnavailable("Không kết nối được cổng thanh toán.", code="gateway_unreachable") from exc
    response: HttpResponseBase = match.func(request, *match.args, **match.kwargs)
    return response.status_code, getattr(response, "content", b"")


def post_json(url: str, payload: dict[str, Any], *, timeout: float) -> dict[str, Any]:
    body = json.dumps(payload).encode()
    try:
        if is_local(url):
            status, content = call_local("POST", url, body=body, content_type="application/json")
        else:
            reply = httpx.post(url, content=body, headers={"Content-Type": "application/json"}, timeout=timeout)
            status, content = reply.status_code, reply.content
        data = json.loads(content)
    except (httpx.HTTPError, ValueError) as exc:
        logger.warning("VNPAY API call failed: %s", type(exc).__name__)
        raise GatewayUnavailable("Không kết nối được cổng thanh toán.", code="gateway_unreachable") from exc
    if status != 200 or not isinstance(data, dict):
        raise GatewayUnavailable("Cổng thanh toán trả lời không hợp lệ.", code="gateway_unreachable")
    return data


def get_text(url: str, *, timeout: float) -> str:
    try:
        if is_local(url):
            status, content = call_local("GET", url)
        else:
            reply = httpx.get(url, timeout=timeout)
            status, content = reply.status_code, reply.content
    except httpx.HTTPError as exc:
        raise GatewayUnavailable("Không tải được bảng kê của cổng thanh toán.", code="gateway_unreachable") from exc
    if status != 200:
        raise GatewayUnavailable("Không tải được bảng kê của cổng thanh toán.", code="statement_unavailable")
    return content.decode("utf-8-sig")
