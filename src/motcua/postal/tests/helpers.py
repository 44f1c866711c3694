"""Test helpers: route the operator's HTTP calls to the local simulator in process, deliver the
postal messages of the outbox, and play the operator's callbacks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from django.test import Client

from motcua.outbox import delivery
from motcua.postal import operators, simulator


def _forward(request: httpx.Request) -> httpx.Response:
    """Hand an httpx request to Django's test client (same thread, same test transaction)."""
    headers = {
        "HTTP_" + name.upper().replace("-", "_"): value
        for name, value in request.headers.items()
        if name.lower() not in {"host", "content-type", "content-length"}
    }
    path = request.url.path + (f"?{request.url.query.decode()}" if request.url.query else "")
    client = Client()
    if request.method == "POST":
        content_type = request.headers.get("content-type", "application/json")
        answer = client.post(path, data=request.content, content_type=content_type, **headers)
    else:
        answer = client.get(path, **headers)
    return httpx.Response(answer.status_code, content=answer.content, headers={"content-type": answer["Content-Type"]})


def simulator_client(**_kwargs: Any) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(_forward))


def route_to_simulator(monkeypatch: Any) -> None:
    monkeypatch.setattr(operators, "http_client", simulator_client)


def deliver_all(now: datetime) -> int:
    """Send every due message of the outbox to the simulator; the number attempted."""
    with simulator_client() as client:
        return delivery.deliver_batch(worker="test", client=client, limit=100, now=lambda: now)


def post_callback(client: Client, body: bytes, headers: dict[str, str]) -> Any:
    extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k != "Content-Type"}
    return client.post("/buu-chinh/thong-bao/", data=body, content_type="application/json", **extra)


def operator_event(order_number: str, code: str, now: datetime, **overrides: Any) -> dict[str, Any]:
    """A tracking event as the operator sends it, not kept by the simulator (for forged cases)."""
    event = {
        "EventId": f"{order_number}-{code}",
        "OrderNumber": order_number,
        "ItemCode": "",
        "StatusCode": code,
        "StatusName": "",
        "PostOffice": "Bưu cục Hàm Rồng",
        "EventTime": now.isoformat(),
    }
    return event | overrides


__all__ = ["deliver_all", "operator_event", "post_callback", "route_to_simulator", "simulator", "simulator_client"]
