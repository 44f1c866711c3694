"""Postal operators behind one interface, and the outbox destination of their orders.

``VNPostOperator`` follows VNPost's order API as used through the province's integration platform
(LGSP): a token obtained with the account's user name and password, then a JSON order per shipment
whose order number is the dossier's code (docs/integration.md, "Public postal service").
``SandboxOperator`` speaks the same protocol to the local simulator (``postal.simulator``) served by
this application, so the demo and the tests never reach the internet.

Orders leave through the outbox (destination ``postal:<operator>``): written in the transaction that
creates the order, retried with backoff, never lost; the token is added at each sending.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import httpx
from django.conf import settings
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from motcua.core import caches
from motcua.outbox import destinations
from motcua.postal.constants import OrderKind
from motcua.postal.models import PostalOrder

DESTINATION_PREFIX = "postal"
# A token is fetched again this long before the operator says it expires.
TOKEN_MARGIN_SECONDS = 60


@dataclass(frozen=True)
class TrackingUpdate:
    """One tracking event as an operator reports it (by callback or by polling)."""

    event_id: str
    order_number: str
    item_code: str
    code: str
    label: str
    location: str
    occurred_at: datetime


@dataclass(frozen=True)
class Credentials:
    order_url: str
    tracking_url: str
    token_url: str
    username: str
    password: str
    customer_code: str


class PostalOperator(Protocol):
    name: str

    def credentials(self) -> Credentials: ...

    def order_payload(self, order: PostalOrder) -> dict[str, Any]: ...

    def tracking(self, order: PostalOrder, client: httpx.Client) -> list[TrackingUpdate]: ...


_tokens: dict[tuple[str, str], tuple[str, float]] = {}
caches.register("postal_tokens", _tokens.clear)


def bearer_token(credentials: Credentials, client: httpx.Client) -> str:
    """The operator's access token, fetched with the account and kept until shortly before it expires."""
    key = (credentials.token_url, credentials.username)
    cached = _tokens.get(key)
    if cached and cached[1] > time.monotonic():
        return cached[0]
    response = client.post(
        credentials.token_url, json={"username": credentials.username, "password": credentials.password}
    )
    response.raise_for_status()
    answer = response.json()
    token = str(answer.get("access_token", ""))
    lifetime = int(answer.get("expires_in", 3600))
    _tokens[key] = (token, time.monotonic() + max(0, lifetime - TOKEN_MARGIN_SECONDS))
    return token


class VNPostOperator:
    """VNPost (Tổng công ty Bưu điện Việt Nam) through the LGSP."""

    name = "vnpost"

    def credentials(self) -> Credentials:
        return Credentials(
            order_url=settings.VNPOST_ORDER_URL,
            tracking_url=settings.VNPOST_TRACKING_URL,
            token_url=settings.VNPOST_TOKEN_URL,
            username=settings.VNPOST_USERNAME,
            password=settings.VNPOST_PASSWORD,
            customer_code=settings.VNPOST_CUSTOMER_CODE,
        )

    def order_payload(self, order: PostalOrder) -> dict[str, Any]:
        """The order body (``OrderLGSPWithItemCode``): the mandatory fields are the customer code, the
        order number and the sender's and receiver's name, address, telephone and province."""
        sender, receiver = order.sender, order.receiver
        return {
            "CustomerCode": self.credentials().customer_code,
            "ItemCode": order.item_code,
            "OrderNumber": order.order_number,
            "CODAmount": 0,
            "SenderProvince": sender.get("province", ""),
            "SenderDistrict": sender.get("district", ""),
            "SenderAddress": sender.get("address", ""),
            "SenderName": sender.get("name", ""),
            "SenderEmail": sender.get("email", ""),
            "SenderTel": sender.get("tel", ""),
            "SenderDesc": order.description,
            "Description": f"{order.get_kind_display()} – hồ sơ {order.order_number}",
            "ReceiverName": receiver.get("name", ""),
            "ReceiverAddress": receiver.get("address", ""),
            "ReceiverTel": receiver.get("tel", ""),
            "ReceiverProvince": receiver.get("province", ""),
            "ReceiverDistrict": receiver.get("district", ""),
            "ReceiverEmail": receiver.get("email", ""),
            # 1: the post office collects from the sender (a dossier to the unit); 0: a result sent by the unit.
            "FlagConfig": "1" if order.kind == OrderKind.COLLECT else "0",
        }

    def tracking(self, order: PostalOrder, client: httpx.Client) -> list[TrackingUpdate]:
        """The shipment's events so far (``apiGetOrderTracking``), oldest first."""
        credentials = self.credentials()
        token = bearer_token(credentials, client)
        response = client.get(
            credentials.tracking_url,
            params={"OrderNumber": order.order_number, "ItemCode": order.item_code},
            headers={"Authorization": f"Bearer {token}"},
        )
        response.raise_for_status()
        rows = response.json().get("TrackingEvents", [])
        return [update for row in rows if (update := parse_update(row)) is not None]


class SandboxOperator(VNPostOperator):
    """The same protocol against the simulator this application serves (``/buu-chinh/thu-nghiem/``)."""

    name = "sandbox"

    def credentials(self) -> Credentials:
        base = settings.SITE_URL.rstrip("/")
        return Credentials(
            order_url=base + reverse("postal:simulator_orders"),
            tracking_url=base + reverse("postal:simulator_tracking"),
            token_url=base + reverse("postal:simulator_token"),
            username="sandbox",
            password=settings.POSTAL_CALLBACK_SECRET,
            customer_code="SANDBOX",
        )


OPERATORS: dict[str, type[VNPostOperator]] = {"vnpost": VNPostOperator, "sandbox": SandboxOperator}


def http_client() -> httpx.Client:
    """The client that talks to the operator (the tests route it to the simulator in process)."""
    return httpx.Client(timeout=settings.OUTBOX_TIMEOUT_SECONDS)


def get_operator(name: str | None = None) -> VNPostOperator | None:
    """The configured operator (``POSTAL_OPERATOR``), or None when the postal service is off."""
    chosen = settings.POSTAL_OPERATOR if name is None else name
    cls = OPERATORS.get(chosen)
    return cls() if cls else None


def parse_update(row: Any) -> TrackingUpdate | None:
    """A tracking event from the operator's JSON; None when a mandatory field is missing or wrong."""
    if not isinstance(row, dict):
        return None
    occurred = parse_datetime(str(row.get("EventTime", "")))
    event_id, code = str(row.get("EventId", "")).strip(), str(row.get("StatusCode", "")).strip()
    if occurred is None or occurred.tzinfo is None or not event_id or not code:
        return None
    return TrackingUpdate(
        event_id=event_id[:80],
        order_number=str(row.get("OrderNumber", ""))[:64],
        item_code=str(row.get("ItemCode", ""))[:40],
        code=code[:10],
        label=str(row.get("StatusName", ""))[:255],
        location=str(row.get("PostOffice", ""))[:255],
        occurred_at=occurred,
    )


def resolve_destination(ident: str) -> destinations.Destination | None:
    """The outbox destination ``postal:<operator>``: its order address, with a fresh token at each sending."""
    operator = get_operator(ident)
    if operator is None:
        return None
    credentials = operator.credentials()

    def sign(_body: bytes) -> dict[str, str]:
        try:
            with http_client() as client:
                return {"Authorization": f"Bearer {bearer_token(credentials, client)}"}
        except (httpx.HTTPError, ValueError, AttributeError) as error:
            raise httpx.HTTPError(f"Không lấy được mã truy cập của bưu điện: {error}") from error

    return destinations.Destination(
        name=f"{DESTINATION_PREFIX}:{ident}",
        url=credentials.order_url,
        max_attempts=settings.POSTAL_MAX_ATTEMPTS,
        signer=sign,
    )
