"""Shared set-up of the dossier benchmarks: Django on an existing database, API clients, percentiles.

The dossier benchmarks run against a database prepared once (they never create or drop it):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench
    .venv/bin/python src/manage.py migrate && .venv/bin/python src/manage.py load_demo
    .venv/bin/python benchmarks/dossiers_generate.py 10000      # then 90000 more for 100k, …

Requests go through the whole Django stack in-process (``django.test.Client``: middleware, DRF,
authentication, serializers, ORM, PostgreSQL), without a network hop or an HTTP server.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.conf.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()


def client_for(username: str) -> Any:
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from motcua.accounts.models import User

    token, _ = Token.objects.get_or_create(user=User.objects.get(username=username))
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    return {
        "n": len(ordered),
        "p50": pick(0.50),
        "p95": pick(0.95),
        "p99": pick(0.99),
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }


def timed(call: Any, rounds: int) -> tuple[list[float], float, int]:
    """Wall latencies (ms) of ``rounds`` calls, the process CPU per call (ms), and the queries of one call.

    The CPU time of this process does not grow when other programs load the machine, unlike wall
    time, so it shows whether the cost per request stays flat as the table grows; the query count
    shows the same for the database side.
    """
    from django.db import connection

    executed: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        # An execute wrapper, not CaptureQueriesContext: each request resets the query log.
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    latencies = []
    cpu_start = time.process_time()
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        latencies.append((time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu_start) * 1000 / max(rounds, 1)
    return latencies, cpu, len(executed)


def dossier_count() -> int:
    from motcua.dossiers.models import Dossier

    return Dossier.objects.count()


def show(label: str, stats: dict[str, float], cpu: float | None = None, queries: int | None = None) -> None:
    extra = ""
    if cpu is not None:
        extra = f"  cpu={cpu:6.2f} ms/req" + (f"  queries={queries}" if queries is not None else "")
    print(
        f"{label:<38} n={int(stats['n']):>5}  p50={stats['p50']:7.2f} ms  p95={stats['p95']:7.2f} ms  "
        f"p99={stats['p99']:7.2f} ms  max={stats['max']:7.2f} ms{extra}"
    )
