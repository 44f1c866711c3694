"""The demo and production serve through gunicorn with ``conf/gunicorn.py``: it starts and answers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[1]
METRICS_TOKEN = "t" * 40


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - a local test server
        return response.status, json.loads(response.read())


@pytest.fixture
def gunicorn(tmp_path: Path):
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "motcua.conf.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DEBUG": "false",
        "METRICS_TOKEN": METRICS_TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "src/motcua/conf/gunicorn.py"), "motcua.wsgi"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_serves_with_the_project_configuration(gunicorn) -> None:
    base, server = gunicorn
    deadline = time.monotonic() + 60
    while True:
        try:
            status, body = _get(base + "/healthz")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                output = server.stdout.read().decode() if server.stdout else ""
                pytest.fail(f"gunicorn did not start:\n{output}")
            time.sleep(0.3)
    assert (status, body) == (200, {"status": "ok"})
    assert _get(base + "/readyz") == (200, {"status": "ok", "database": "ok"})

    # Both workers' request times are added up in one scrape (prometheus_client's multiprocess mode).
    for _ in range(8):
        _get(base + "/healthz")
    scrape = urllib.request.Request(  # noqa: S310 - a local test server
        base + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
    )
    with urllib.request.urlopen(scrape, timeout=5) as response:  # noqa: S310 - a local test server
        text = response.read().decode()
    counts = [
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "motcua_http_request_duration_seconds_count" and sample.labels["route"] == "healthz"
    ]
    assert sum(counts) >= 9
