"""``/metrics``: request times by route and the task queue, for the monitoring system's token only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from motcua.accounts.tests.factories import UserFactory
from motcua.metrics import TaskQueueCollector

pytestmark = pytest.mark.django_db
TOKEN = "m" * 40


def _samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _queued(minutes_ago: int, *, status: str = "READY") -> None:
    row = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="motcua.dossiers.tasks.send_applicant_message",
        backend_name="default",
        run_after=timezone.now() - timedelta(minutes=minutes_ago),
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - timedelta(minutes=minutes_ago))


def test_off_until_a_token_is_set(client: Client, settings: Any) -> None:
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Token {TOKEN}", f"Bearer {TOKEN}x"])
def test_refused_without_the_token_even_to_an_administrator(client: Client, settings: Any, header: str | None) -> None:
    settings.METRICS_TOKEN = TOKEN
    client.force_login(UserFactory(superuser=True))
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == 403
    assert b"motcua_" not in response.content


def test_request_times_by_route_and_the_queue_depth(client: Client, settings: Any) -> None:
    settings.METRICS_TOKEN = TOKEN
    _queued(5)
    _queued(1)
    _queued(0, status="RUNNING")
    before = _samples(client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode())
    for _ in range(3):
        client.get("/healthz")
    client.get("/khong-co-trang-nay/")

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    after = _samples(response.content.decode())
    healthz = (
        "motcua_http_request_duration_seconds_count",
        frozenset({("route", "healthz"), ("method", "GET"), ("status", "2xx")}),
    )
    unmatched = (
        "motcua_http_request_duration_seconds_count",
        frozenset({("route", "unmatched"), ("method", "GET"), ("status", "4xx")}),
    )
    assert after[healthz] - before.get(healthz, 0) == 3
    assert after[unmatched] - before.get(unmatched, 0) == 1
    assert after[("motcua_task_queue_waiting", frozenset())] == 2
    assert after[("motcua_task_queue_running", frozenset())] == 1
    assert after[("motcua_task_queue_oldest_waiting_seconds", frozenset())] == pytest.approx(300, abs=30)


def test_an_empty_queue_has_no_age() -> None:
    fixed = timezone.now()
    metrics = {family.name: family.samples[0].value for family in TaskQueueCollector(now=lambda: fixed).collect()}
    assert metrics == {
        "motcua_task_queue_waiting": 0,
        "motcua_task_queue_running": 0,
        "motcua_task_queue_oldest_waiting_seconds": 0,
    }
