"""Claims on PostgreSQL: workers claiming at once never share a message, and a stream's order holds."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from motcua.outbox import delivery, services
from motcua.outbox.models import Message

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="SKIP LOCKED is only meaningful on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

T0 = datetime.fromisoformat("2026-11-23T09:00:00+07:00")


def test_parallel_workers_claim_disjoint_messages_heads_of_streams_only(destination: str) -> None:
    for stream in range(30):
        for n in range(2):  # each stream's second message must wait for its first
            services.enqueue("partner", f"s{stream}-{n}", {}, stream=f"s{stream}", kind="test", now=T0)
    claimed: dict[str, list[int]] = {}
    barrier = threading.Barrier(4)
    lock = threading.Lock()

    def work(name: str) -> None:
        try:
            barrier.wait()
            got: list[int] = []
            while batch := delivery.claim(worker=name, now=T0, limit=3):
                got.extend(m.pk for m in batch)
            with lock:
                claimed[name] = got
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every = [pk for got in claimed.values() for pk in got]
    assert len(every) == len(set(every)) == 30  # each head once, by one worker
    keys: Any = set(Message.objects.filter(pk__in=every).values_list("idempotency_key", flat=True))
    assert keys == {f"s{stream}-0" for stream in range(30)}
