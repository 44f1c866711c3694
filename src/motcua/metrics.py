"""Metrics for the monitoring system, in Prometheus' text format at ``/metrics``: how long requests take,
by route, and how deep and how old the background task queue is.

Only the monitoring system reads them: the endpoint answers 404 until ``METRICS_TOKEN`` is set, then only
a request carrying ``Authorization: Bearer <METRICS_TOKEN>`` (403 otherwise, whoever is signed in). The
figures name routes, never a dossier, a person or an address.

Under gunicorn each worker is its own process: ``conf/gunicorn.py`` points ``PROMETHEUS_MULTIPROC_DIR`` at a
folder where every worker keeps its figures, and a scrape adds them up (prometheus_client's multiprocess
mode). The queue is read from the database at each scrape.
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Callable, Iterator
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Min
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

# From a cached look-up to a PDF rendered in the request (intake), in seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUEST_SECONDS = Histogram(
    "motcua_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it, by route pattern, method and status class.",
    ["route", "method", "status"],
    buckets=BUCKETS,
)


class RequestTimingMiddleware:
    """Times every request; first in ``MIDDLEWARE`` so that the time includes the other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        # The route's pattern ("can-bo/ho-so/<str:code>/"), never the path: a bounded set of series.
        route = match.route if match is not None else "unmatched"
        method = request.method if request.method in KNOWN_METHODS else "other"
        status = f"{response.status_code // 100}xx"
        REQUEST_SECONDS.labels(route=route, method=method, status=status).observe(time.perf_counter() - started)
        return response


class TaskQueueCollector(Collector):
    """The database task queue (django-tasks-db) at the moment of the scrape."""

    def __init__(self, now: Callable[[], datetime] = timezone.now) -> None:
        self.now = now

    def collect(self) -> Iterator[Metric]:
        from django_tasks_db.models import DBTaskResult

        try:
            ready = DBTaskResult.objects.ready()
            waiting = ready.count()
            oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
            running = DBTaskResult.objects.running().count()
        except DatabaseError:
            # The scrape still answers the request times; the readiness check reports the database.
            logger.exception("Metrics: the task queue could not be read")
            return
        yield GaugeMetricFamily("motcua_task_queue_waiting", "Background tasks due and not started yet.", waiting)
        yield GaugeMetricFamily("motcua_task_queue_running", "Background tasks being run by a worker.", running)
        age = (self.now() - oldest).total_seconds() if oldest is not None else 0.0
        yield GaugeMetricFamily(
            "motcua_task_queue_oldest_waiting_seconds", "Age of the oldest task due and not started (0: none).", age
        )


TASK_QUEUE = TaskQueueCollector()


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # every worker's figures, added up
    else:
        registry.register(_ProcessMetrics())
    registry.register(TASK_QUEUE)
    return registry


class _ProcessMetrics(Collector):
    """This process's figures when it is the only one (the development server, tests)."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def _authorized(request: HttpRequest) -> bool:
    expected = f"Bearer {settings.METRICS_TOKEN}".encode()
    return hmac.compare_digest(request.headers.get("Authorization", "").encode(), expected)


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    if not settings.METRICS_TOKEN:
        raise Http404("Metrics are off.")
    if not _authorized(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
