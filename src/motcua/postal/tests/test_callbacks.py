"""The operator's tracking callback: only an authentic, fresh, new callback is applied; every
refusal answers a JSON error and is recorded."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client

from motcua.postal import simulator
from motcua.postal.constants import OrderState
from motcua.postal.models import CallbackReceipt, TrackingEvent
from motcua.postal.tests.conftest import NOW
from motcua.postal.tests.factories import order
from motcua.postal.tests.helpers import deliver_all, operator_event, post_callback

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(frozen):
    created = order(NOW)
    deliver_all(NOW)
    return created


def test_a_signed_callback_moves_the_order_and_is_recorded(shipped, client: Client) -> None:
    body, headers = simulator.advance(shipped.order_number, "105", now=NOW)
    answer = post_callback(client, body, headers)
    assert answer.status_code == 200 and answer.json() == {"code": "ok", "recorded": True}
    shipped.refresh_from_db()
    assert shipped.state == OrderState.DELIVERED and shipped.item_code
    receipt = CallbackReceipt.objects.get()
    assert receipt.accepted and receipt.event_id == json.loads(body)["EventId"]


def test_a_replayed_callback_is_refused_and_recorded(shipped, client: Client) -> None:
    body, headers = simulator.advance(shipped.order_number, "103", now=NOW)
    post_callback(client, body, headers)
    again = post_callback(client, body, headers)
    assert again.status_code == 409 and again.json()["code"] == "replayed"
    assert again.json()["message"] == "Thông báo này đã được nhận trước đó."
    assert TrackingEvent.objects.filter(code="103").count() == 1
    refused = CallbackReceipt.objects.get(accepted=False)
    assert refused.reason == "replayed" and refused.event_id == json.loads(body)["EventId"]


def test_a_callback_replayed_after_the_window_is_refused_as_stale(shipped, client: Client, frozen) -> None:
    body, headers = simulator.advance(shipped.order_number, "103", now=NOW)
    frozen.shift(timedelta(minutes=6))
    answer = post_callback(client, body, headers)
    assert answer.status_code == 401 and answer.json()["code"] == "stale"
    assert CallbackReceipt.objects.get().reason == "stale"


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ("other-secret", "bad_signature"),
        ("no-header", "missing_signature"),
        ("changed-body", "bad_signature"),
    ],
)
def test_a_forged_callback_is_refused_and_recorded(shipped, client: Client, tamper: str, reason: str) -> None:
    event = operator_event(shipped.order_number, "105", NOW)
    body, headers = simulator.signed_callback(
        event, now=NOW, secret="other-secret" if tamper == "other-secret" else None
    )
    if tamper == "no-header":
        headers = {}
    if tamper == "changed-body":
        body = body.replace(b'"105"', b'"107"')
    answer = post_callback(client, body, headers)
    assert answer.status_code == 401
    assert answer.json()["code"] == reason and answer.json()["message"]
    shipped.refresh_from_db()
    assert shipped.state == OrderState.REGISTERED and not TrackingEvent.objects.filter(code__in=["105", "107"])
    assert CallbackReceipt.objects.get().reason == reason


def test_a_signed_callback_without_event_id_or_order_is_refused(shipped, client: Client) -> None:
    body, headers = simulator.signed_callback({"StatusCode": "105"}, now=NOW)
    assert post_callback(client, body, headers).json()["code"] == "malformed"
    unknown = operator_event("000.00.00.X00-260101-9999", "105", NOW)
    body, headers = simulator.signed_callback(unknown, now=NOW)
    answer = post_callback(client, body, headers)
    assert answer.status_code == 404 and answer.json()["code"] == "unknown_order"
    # An unknown order's event id is not used up: the operator may send it again once the order exists.
    assert not CallbackReceipt.objects.filter(accepted=True).exists()


def test_the_callback_accepts_only_post(client: Client) -> None:
    assert client.get("/buu-chinh/thong-bao/").status_code == 405


def test_an_absurd_timestamp_is_recorded_without_a_date(shipped, client: Client) -> None:
    answer = post_callback(client, b"{}", {"X-Postal-Signature": "t=999999999999999999,v1=00"})
    assert answer.status_code == 401
    assert CallbackReceipt.objects.get().signed_at is None
