"""The poller and the simulator's command."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from motcua.postal.constants import OrderState
from motcua.postal.tests.conftest import NOW
from motcua.postal.tests.factories import order
from motcua.postal.tests.helpers import deliver_all

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_the_simulator_command_adds_an_event_that_the_poller_brings() -> None:
    created = order(NOW)
    deliver_all(NOW)
    out = io.StringIO()
    call_command("postal_simulator", created.order_number, "104", "--no-callback", stdout=out)
    call_command("poll_postal", stdout=out)
    assert "1 orders asked, 2 new events, 0 failed" in out.getvalue()
    created.refresh_from_db()
    assert created.state == OrderState.IN_TRANSIT


def test_the_simulator_command_needs_the_sandbox_and_a_shipment(settings) -> None:
    with pytest.raises(CommandError):
        call_command("postal_simulator", "000.00.00.X00-260101-0001", "105", "--no-callback")
    settings.POSTAL_OPERATOR = "vnpost"
    with pytest.raises(CommandError):
        call_command("postal_simulator", "000.00.00.X00-260101-0001", "105")
