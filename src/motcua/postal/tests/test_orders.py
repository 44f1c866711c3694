"""Orders: created once, sent through the outbox in VNPost's format, received by the simulator."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.core.exceptions import DomainError
from motcua.outbox.constants import State
from motcua.outbox.models import Message
from motcua.postal import operators, services
from motcua.postal.constants import OrderState
from motcua.postal.exceptions import PostalUnavailable
from motcua.postal.models import SimulatedShipment
from motcua.postal.simulator import item_code
from motcua.postal.tests.conftest import NOW
from motcua.postal.tests.factories import APPLICANT, UNIT, order
from motcua.postal.tests.helpers import deliver_all

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

MANDATORY = ["CustomerCode", "OrderNumber", "SenderName", "SenderAddress", "SenderTel", "SenderProvince"]


def test_an_order_is_queued_in_vnposts_format_with_the_dossier_code_as_order_number() -> None:
    created = order(NOW)
    message = Message.objects.get()
    assert message.destination == "postal:sandbox" and message.subject == created.order_number
    payload = message.payload
    assert payload["OrderNumber"] == "000.00.06.H56-260302-0001"
    assert payload["SenderName"] == UNIT["name"] and payload["ReceiverTel"] == APPLICANT["tel"]
    assert payload["ReceiverProvince"] == payload["SenderProvince"] == "35000"
    assert payload["FlagConfig"] == "0" and payload["CODAmount"] == 0
    assert all(payload[name] for name in [*MANDATORY, "ReceiverName", "ReceiverAddress", "ReceiverTel"])
    assert set(payload) >= {"ItemCode", "SenderDistrict", "SenderEmail", "SenderDesc", "Description", "ReceiverEmail"}


def test_choosing_twice_makes_one_order() -> None:
    first = order(NOW)
    second = order(NOW)
    assert first.pk == second.pk and Message.objects.count() == 1


def test_collection_orders_ask_the_post_office_to_collect() -> None:
    order(NOW, kind="collect")
    assert Message.objects.get().payload["FlagConfig"] == "1"


@pytest.mark.parametrize("missing", ["name", "address", "tel"])
def test_missing_mandatory_fields_are_refused(missing: str) -> None:
    receiver = {**APPLICANT, missing: ""}
    with pytest.raises(DomainError) as refused:
        services.create_order(
            kind="return", dossier_id=1, order_number="X", sender=UNIT, receiver=receiver, actor=None, now=NOW
        )
    assert "receiver" in refused.value.fields and Message.objects.count() == 0


def test_without_an_operator_no_order(settings) -> None:
    settings.POSTAL_OPERATOR = ""
    with pytest.raises(PostalUnavailable):
        order(NOW)


def test_the_simulator_receives_the_order_with_a_token_and_assigns_a_tracking_number() -> None:
    created = order(NOW)
    assert deliver_all(NOW) == 1
    message = Message.objects.get()
    assert message.state == State.DELIVERED, message.last_error
    shipment = SimulatedShipment.objects.get()
    assert shipment.order_number == created.order_number and shipment.item_code.endswith("VN")
    assert shipment.events[0]["StatusCode"] == "100"


def test_an_order_the_operator_refuses_goes_to_the_dead_letters(settings) -> None:
    settings.POSTAL_PROVINCE_CODE = ""  # the operator requires the provinces
    order(NOW)
    deliver_all(NOW)
    message = Message.objects.get()
    assert message.state == State.DEAD and "SenderProvince" in message.last_error


def test_an_unreachable_token_service_is_retried(monkeypatch) -> None:
    order(NOW)

    def broken(*_a, **_k):
        import httpx

        raise httpx.ConnectError("down")

    monkeypatch.setattr(operators, "bearer_token", broken)
    deliver_all(NOW)
    message = Message.objects.get()
    assert message.state == State.PENDING and "mã truy cập" in message.last_error
    assert message.next_attempt_at > NOW


def test_polling_brings_the_tracking_and_is_idempotent() -> None:
    from motcua.postal import simulator

    created = order(NOW)
    deliver_all(NOW)
    simulator.advance(created.order_number, "102", now=NOW + timedelta(hours=1))
    counts = services.poll(now=NOW + timedelta(hours=2))
    assert counts == {"orders": 1, "events": 2, "failed": 0}
    created.refresh_from_db()
    assert created.state == OrderState.IN_TRANSIT and created.item_code.endswith("VN")
    assert [e.code for e in created.tracking.all()] == ["100", "102"]
    assert services.poll(now=NOW + timedelta(hours=3))["events"] == 0


def test_a_late_event_never_moves_an_order_backwards() -> None:
    from motcua.postal import simulator

    created = order(NOW)
    deliver_all(NOW)
    simulator.advance(created.order_number, "105", now=NOW + timedelta(hours=1))
    simulator.advance(created.order_number, "103", now=NOW + timedelta(hours=2))
    services.poll(now=NOW + timedelta(hours=3))
    created.refresh_from_db()
    assert created.state == OrderState.DELIVERED and created.tracking.count() == 3


@pytest.mark.parametrize(
    ("serial", "prefix", "code"),
    [(1, "EB", "EB000000014VN"), (47120, "EB", "EB000471203VN"), (47312482, "RR", "RR473124829VN")],
)
def test_tracking_numbers_carry_the_s10_check_digit(serial: int, prefix: str, code: str) -> None:
    # RR47312482 9: the UPU's own worked example of the S10 check digit.
    assert item_code(serial, prefix) == code


def test_the_simulator_is_absent_with_a_real_operator(client, settings) -> None:
    settings.POSTAL_OPERATOR = "vnpost"
    assert client.post("/buu-chinh/thu-nghiem/token/", {}).status_code == 404
    assert client.get("/buu-chinh/thu-nghiem/hanh-trinh/").status_code == 404


def test_the_simulator_refuses_a_wrong_account_and_a_missing_token(client) -> None:
    wrong = client.post("/buu-chinh/thu-nghiem/token/", {"username": "sandbox", "password": "x"}, "application/json")
    assert wrong.status_code == 401 and wrong.json()["Status"] == "401"
    assert client.post("/buu-chinh/thu-nghiem/don-hang/", {}, "application/json").status_code == 401
