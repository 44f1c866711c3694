from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from django.db import transaction

from motcua.outbox import delivery, selectors, services
from motcua.outbox.constants import State
from motcua.outbox.models import Attempt, Message
from motcua.outbox.tests.conftest import Receiver

pytestmark = pytest.mark.django_db

T0 = datetime.fromisoformat("2026-11-23T09:00:00+07:00")


def queue(key: str, stream: str = "dossier:1", destination: str = "partner", now: datetime = T0) -> Message:
    return services.enqueue(destination, key, {"key": key}, stream=stream, kind="test", subject=stream, now=now)


def run(client: httpx.Client, at: datetime, worker: str = "w1") -> int:
    return delivery.deliver_batch(worker=worker, client=client, now=lambda: at)


def test_a_message_exists_only_if_its_change_commits(destination: str) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        queue("rolled-back")
        raise RuntimeError("the change fails")
    with transaction.atomic():
        queue("committed")
    assert list(Message.objects.values_list("idempotency_key", flat=True)) == ["committed"]


def test_delivery_sends_the_payload_with_its_idempotency_key(destination: str, receiver: Receiver, http: Any) -> None:
    message = queue("k-1")
    assert run(http, T0) == 1
    request = receiver.requests[0]
    assert str(request.url) == "http://receiver.test/sync"
    assert request.headers["Idempotency-Key"] == "k-1" and request.headers["X-Token"] == "t"
    assert json.loads(request.content) == {"key": "k-1"}
    message.refresh_from_db()
    assert message.state == State.DELIVERED and message.delivered_at == T0 and message.attempts == 1
    assert "Thành công" in message.response
    assert Attempt.objects.get(message=message).ok
    assert run(http, T0 + timedelta(hours=1)) == 0  # nothing is sent twice


def test_a_failure_is_retried_after_a_backoff_then_goes_dead(destination: str, receiver: Receiver, http: Any) -> None:
    message = queue("k-1")
    receiver.then(503).then(503).then(503)
    run(http, T0)
    message.refresh_from_db()
    assert message.state == State.PENDING and "HTTP 503" in message.last_error
    # Base 10 s: the first retry comes between 5 and 10 s later, not before.
    assert T0 + timedelta(seconds=5) <= message.next_attempt_at <= T0 + timedelta(seconds=10)
    assert run(http, T0 + timedelta(seconds=4)) == 0
    run(http, message.next_attempt_at)
    message.refresh_from_db()
    assert message.attempts == 2 and message.next_attempt_at >= T0 + timedelta(seconds=10)
    run(http, message.next_attempt_at)  # the third attempt is the destination's last
    message.refresh_from_db()
    assert message.state == State.DEAD and message.attempts == 3 and len(receiver.requests) == 3
    assert list(selectors.dead_letters("partner")) == [message]


def test_connection_errors_are_retried(destination: str, receiver: Receiver, http: Any) -> None:
    message = queue("k-1")
    receiver.then_raise(httpx.ConnectError("refused"))
    run(http, T0)
    message.refresh_from_db()
    assert message.state == State.PENDING and "ConnectError" in message.last_error
    run(http, T0 + timedelta(seconds=11))
    message.refresh_from_db()
    assert message.state == State.DELIVERED


def test_a_refusal_of_the_content_goes_dead_at_once(destination: str, receiver: Receiver, http: Any) -> None:
    message = queue("k-1")
    receiver.then(200, {"error_code": -1, "message": "Thiếu trường MaHoSo"})
    run(http, T0)
    message.refresh_from_db()
    assert message.state == State.DEAD and message.attempts == 1 and "Thiếu trường MaHoSo" in message.last_error


def test_order_is_kept_within_a_stream_not_across_streams(destination: str, receiver: Receiver, http: Any) -> None:
    first, second = queue("a-1"), queue("a-2")
    other = queue("b-1", stream="dossier:2")
    receiver.then(500)  # a-1 fails; b-1 goes through; a-2 waits for a-1
    run(http, T0)
    assert receiver.keys() == ["a-1", "b-1"]
    run(http, T0 + timedelta(seconds=11))
    assert receiver.keys() == ["a-1", "b-1", "a-1"]  # a-2 was not due before a-1 was delivered
    run(http, T0 + timedelta(seconds=12))
    assert receiver.keys() == ["a-1", "b-1", "a-1", "a-2"]
    assert set(Message.objects.filter(pk__in=[first.pk, second.pk, other.pk]).values_list("state", flat=True)) == {
        State.DELIVERED
    }


def test_a_dead_message_holds_its_stream_until_replayed(
    destination: str, receiver: Receiver, http: Any, admin_user: Any
) -> None:
    dead, later = queue("a-1"), queue("a-2")
    receiver.then(400, {"message": "bad"})
    run(http, T0)
    run(http, T0 + timedelta(days=1))
    assert receiver.keys() == ["a-1"]
    state = selectors.stream_state("partner", "dossier:1")
    assert state.state == "failed" and "HTTP 400" in state.error
    services.replay(dead, actor=admin_user, now=T0 + timedelta(days=1))
    run(http, T0 + timedelta(days=1))
    run(http, T0 + timedelta(days=1))
    assert receiver.keys() == ["a-1", "a-1", "a-2"]
    dead.refresh_from_db()
    later.refresh_from_db()
    assert dead.state == later.state == State.DELIVERED and dead.replay_count == 1 and dead.replayed_by == admin_user
    assert selectors.stream_state("partner", "dossier:1").state == "acknowledged"


def test_a_killed_workers_message_is_sent_again_once_its_lease_passes(
    destination: str, receiver: Receiver, http: Any
) -> None:
    message = queue("k-1")
    claimed = delivery.claim(worker="killed", now=T0)  # then killed before recording anything
    assert [m.pk for m in claimed] == [message.pk]
    assert run(http, T0 + timedelta(seconds=29), worker="w2") == 0  # the lease (30 s) holds
    assert run(http, T0 + timedelta(seconds=31), worker="w2") == 1
    message.refresh_from_db()
    assert message.state == State.DELIVERED and message.attempts == 2
    assert receiver.keys() == ["k-1"]
    # The killed worker's late answer is not recorded over the other's.
    late = delivery.Outcome(False, error="late")
    assert not delivery.settle(claimed[0], late, worker="killed", started=T0, now=T0 + timedelta(seconds=40))


def test_a_destination_missing_from_the_settings_sends_nothing(destination: str, receiver: Receiver, http: Any) -> None:
    message = queue("k-1", destination="unknown")
    run(http, T0)
    message.refresh_from_db()
    assert message.state == State.DEAD and "chưa được cấu hình" in message.last_error and not receiver.requests


def test_replay_is_for_administrators_and_dead_messages_only(
    destination: str, admin_user: Any, django_user_model: Any
) -> None:
    from motcua.core.exceptions import DomainError, PermissionDenied

    message = queue("k-1")
    with pytest.raises(DomainError, match="đã dừng gửi"):
        services.replay(message, actor=admin_user)
    Message.objects.filter(pk=message.pk).update(state=State.DEAD)
    official = django_user_model.objects.create_user(username="official", password="x", is_staff=True)
    with pytest.raises(PermissionDenied):
        services.replay(message, actor=official)
    message.refresh_from_db()
    assert message.state == State.DEAD and message.replay_count == 0
