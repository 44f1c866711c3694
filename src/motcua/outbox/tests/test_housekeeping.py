from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from motcua.outbox import services
from motcua.outbox.checks import lease_outlasts_a_delivery
from motcua.outbox.constants import State
from motcua.outbox.models import Attempt, Message

pytestmark = pytest.mark.django_db


def test_prune_deletes_old_delivered_messages_only() -> None:
    long_ago = timezone.now() - timedelta(days=100)
    for key, state, delivered_at in [
        ("old-delivered", State.DELIVERED, long_ago),
        ("new-delivered", State.DELIVERED, timezone.now()),
        ("old-dead", State.DEAD, None),
        ("old-pending", State.PENDING, None),
    ]:
        message = services.enqueue("partner", key, {}, stream=key, kind="t", now=long_ago)
        Message.objects.filter(pk=message.pk).update(state=state, delivered_at=delivered_at)
        Attempt.objects.create(message=message, number=1, worker="w", started_at=long_ago, finished_at=long_ago)
    out = StringIO()
    call_command("prune_outbox", "--days", "90", stdout=out)
    assert "1 delivered messages deleted" in out.getvalue()
    assert set(Message.objects.values_list("idempotency_key", flat=True)) == {
        "new-delivered",
        "old-dead",
        "old-pending",
    }
    assert Attempt.objects.count() == 3
    with pytest.raises(CommandError):
        call_command("prune_outbox", "--days", "0", stdout=out)


def test_a_lease_shorter_than_a_delivery_is_refused(settings: Any) -> None:
    assert lease_outlasts_a_delivery() == []
    settings.OUTBOX_LEASE_SECONDS, settings.OUTBOX_TIMEOUT_SECONDS = 10, 10
    assert [e.id for e in lease_outlasts_a_delivery()] == ["motcua.outbox.E001"]
