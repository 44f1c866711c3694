"""The operations centre reads feedback's figures through its slot, filled at start-up by this app."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.apps import apps

from motcua.feedback import services
from motcua.feedback.constants import Channel
from motcua.feedback.operations_slot import FeedbackCounts
from motcua.feedback.tests.conftest import MONDAY_9AM, Province, submission
from motcua.operations import feedback as slot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _registered() -> Any:
    """The slot as the app's start-up leaves it (other tests may empty it on purpose)."""
    slot.unregister()
    apps.get_app_config("feedback").ready()
    yield
    slot.register(FeedbackCounts())


def test_the_app_fills_the_operations_slot_at_start_up() -> None:
    assert isinstance(slot._providers[0], FeedbackCounts)


def test_the_slot_counts_received_handled_on_time_and_satisfaction_per_scope(province: Province, frozen: Any) -> None:
    answered = services.submit_feedback(submission(), channel=Channel.PORTAL)
    services.accept(answered, actor=province.head, handler=province.specialist)
    services.submit_answer(answered, actor=province.specialist, answer="Đã vá ổ gà.")
    services.approve(answered, actor=province.leader)
    services.rate(answered, satisfied=False, phone="0912345678")
    services.submit_feedback(submission(), channel=Channel.PORTAL)  # routed, not answered yet
    start, end = MONDAY_9AM - timedelta(days=1), MONDAY_9AM + timedelta(days=1)

    province_wide = slot.figures_for(None, start, end)
    assert province_wide is not None
    assert (province_wide.received, province_wide.handled, province_wide.handled_on_time) == (2, 1, 1)
    assert (province_wide.rated, province_wide.rated_satisfied) == (1, 0)
    assert province_wide.index_inputs() == {"on_time": (1, 1), "satisfaction": (0, 1)}
    elsewhere = slot.figures_for([province.commune_agency.pk], start, end)
    assert elsewhere is not None and elsewhere.received == 0
    before = slot.figures_for(None, datetime(2025, 1, 1, tzinfo=MONDAY_9AM.tzinfo), start)
    assert before is not None and before.received == 0
