"""The postal panel of a dossier's page: orders and their tracking; the one-stop unit's order buttons."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.constants import ReturnMethod
from motcua.dossiers.tests.helpers import receive
from motcua.postal import services as postal
from motcua.postal.constants import OrderKind
from motcua.postal.models import PostalOrder
from motcua.postal.operators import TrackingUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unit_contact(world: Any) -> None:
    world.centre.address, world.centre.phone = "28 Đại lộ Lê Lợi, phường Hạc Thành", "02373750000"
    world.centre.save()


def test_the_officer_orders_a_collection_and_sees_its_tracking(client: Client, world: Any) -> None:
    dossier = receive(world, result_delivery=ReturnMethod.POSTAL, delivery_address="12 Phan Chu Trinh")
    client.force_login(world.officer)
    page = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert "Yêu cầu bưu điện thu gom hồ sơ giấy" in page
    url = reverse("backoffice:postal_order", kwargs={"code": dossier.code, "kind": "collect"})
    assert client.post(url).status_code == 302
    order = PostalOrder.objects.get(kind=OrderKind.COLLECT)
    update = TrackingUpdate("E1", order.order_number, "EB000000014VN", "101", "", "Bưu cục Hàm Rồng", timezone.now())
    with transaction.atomic():
        postal.apply_update(update, source="poll", now=timezone.now() + timedelta(minutes=1))
    page = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert "EB000000014VN" in page and "Bưu tá đang đến nhận" in page and "Bưu cục Hàm Rồng" in page
    assert "Yêu cầu bưu điện thu gom hồ sơ giấy" not in page  # one live collection per dossier


def test_only_the_receiving_one_stop_unit_orders(client: Client, world: Any) -> None:
    dossier = receive(world)
    url = reverse("backoffice:postal_order", kwargs={"code": dossier.code, "kind": "collect"})
    client.force_login(world.specialist)  # a handler at the department, who may see the dossier
    assert client.post(url).status_code in (403, 404)
    client.force_login(world.officer)
    assert client.post(url.replace("collect", "bogus")).status_code == 404
    assert not PostalOrder.objects.exists()
