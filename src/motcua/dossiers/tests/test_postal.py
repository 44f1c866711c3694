"""Postal collection and return of a dossier: the orders, the tracking in the history, the return
closed by the post office's delivery."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.dossiers import events, services
from motcua.dossiers.constants import ReturnMethod, Status
from motcua.dossiers.services.postal import request_postal_collection, request_postal_return
from motcua.dossiers.tests.helpers import pdf, receive, to_processing
from motcua.outbox.models import Message
from motcua.postal import simulator
from motcua.postal.constants import OrderKind, OrderState
from motcua.postal.models import PostalOrder
from motcua.postal.tests.helpers import deliver_all, post_callback, route_to_simulator

ADDRESS = "12 Phan Chu Trinh, phường Hạc Thành, tỉnh Thanh Hóa"


@pytest.fixture(autouse=True)
def _simulator(monkeypatch: Any, world: Any) -> None:
    route_to_simulator(monkeypatch)
    world.centre.address, world.centre.phone = "28 Đại lộ Lê Lợi, phường Hạc Thành", "02373750000"
    world.centre.save()


def resolved_by_post(world: Any):
    dossier = to_processing(world, result_delivery=ReturnMethod.POSTAL, delivery_address=ADDRESS)
    dossier = services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
    dossier = services.approve(dossier, actor=world.leader)
    return services.attach_result(dossier, actor=world.leader, result_files=[pdf("ket-qua.pdf")])


def test_the_result_ready_creates_the_return_order(world) -> None:
    dossier = resolved_by_post(world)
    order = PostalOrder.objects.get()
    assert order.kind == OrderKind.RETURN and order.order_number == dossier.code
    assert order.receiver["address"] == ADDRESS and order.sender["name"] == world.centre.name
    assert Message.objects.filter(destination="postal:sandbox", subject=dossier.code).count() == 1
    assert dossier.events.filter(action=events.POSTAL_ORDER).count() == 1


def test_counter_return_creates_no_order(world) -> None:
    dossier = to_processing(world)
    dossier = services.forward(dossier, actor=world.specialist, note="Đủ")
    services.approve(dossier, actor=world.leader)
    assert not PostalOrder.objects.exists()


def test_delivery_by_the_post_office_closes_the_return(world, client: Client, frozen) -> None:
    dossier = resolved_by_post(world)
    deliver_all(timezone.now())
    order = PostalOrder.objects.get()
    for code in ("102", "104", "105"):
        frozen.shift(timedelta(hours=2))
        body, headers = simulator.advance(order.order_number, code, now=timezone.now())
        assert post_callback(client, body, headers).status_code == 200
    dossier.refresh_from_db()
    order.refresh_from_db()
    assert order.state == OrderState.DELIVERED
    assert dossier.status == Status.RETURNED and dossier.return_method == ReturnMethod.POSTAL
    assert dossier.return_shipment_number == order.item_code and dossier.returned_by == world.officer
    tracking = dossier.events.filter(action=events.POSTAL_TRACKING)
    assert tracking.count() == 3 and "Phát thành công" in tracking.last().note
    assert events.label(events.POSTAL_TRACKING) == "Cập nhật hành trình bưu gửi"


def test_an_officer_returning_by_post_gets_the_tracking_number(world) -> None:
    dossier = resolved_by_post(world)
    PostalOrder.objects.update(item_code="EB000000014VN")
    dossier = services.return_result(dossier, actor=world.officer, method="postal")
    assert dossier.return_shipment_number == "EB000000014VN"


def test_collection_and_return_by_request(world) -> None:
    dossier = receive(world)
    order = request_postal_collection(dossier, actor=world.officer)
    assert order.kind == OrderKind.COLLECT and order.receiver["name"] == world.centre.name
    with pytest.raises(DomainError):
        request_postal_return(dossier, actor=world.officer)  # no result yet


def test_polling_catches_a_lost_callback(world) -> None:
    from motcua.postal import services as postal

    dossier = resolved_by_post(world)
    deliver_all(dossier.resolved_at)
    order = PostalOrder.objects.get()
    simulator.advance(order.order_number, "105", now=dossier.resolved_at + timedelta(hours=5))
    postal.poll(now=dossier.resolved_at + timedelta(hours=6))
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
