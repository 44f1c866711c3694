"""GET /api/v1/dossiers/{code}/postal-orders/: the orders and their tracking, for officials (the
applicant's 403 is in tests/authorization)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from motcua.dossiers.tests.helpers import receive
from motcua.postal import services as postal
from motcua.postal.operators import TrackingUpdate

pytestmark = pytest.mark.django_db

UNIT = {"name": "Trung tâm", "address": "28 Lê Lợi", "tel": "02373750000"}
APPLICANT = {"name": "Nguyễn Thị Hoa", "address": "12 Phan Chu Trinh", "tel": "0912345678"}


def test_officials_read_the_orders_and_their_tracking(client: Client, world: Any) -> None:
    dossier = receive(world)
    postal.create_order(
        kind="collect", dossier_id=dossier.pk, order_number=dossier.code, sender=APPLICANT, receiver=UNIT, actor=None
    )
    with transaction.atomic():
        update = TrackingUpdate("E1", dossier.code, "EB000000014VN", "101", "", "Bưu cục Hàm Rồng", timezone.now())
        postal.apply_update(update, source="callback", now=timezone.now())
    client.force_login(world.officer)
    answer = client.get(f"/api/v1/dossiers/{dossier.code}/postal-orders/")
    assert answer.status_code == 200
    [row] = answer.json()
    assert row["order_number"] == dossier.code and row["kind"] == "collect" and row["state"] == "collecting"
    assert row["item_code"] == "EB000000014VN" and row["receiver"]["name"] == "Trung tâm"
    assert row["tracking"][0]["event_label"] == "Bưu tá đang đến nhận"
    assert row["tracking"][0]["reported_by"] == "callback"
