"""``LOG_FORMAT=json``: one JSON object per line for a log collector, from Django and from gunicorn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.conf.logs import LOG_FORMATTERS, gunicorn_logconfig

ROOT = Path(__file__).resolve().parents[1]
LOG_LINE = (
    "import django, logging; django.setup(); "
    "logging.getLogger('motcua.kiem_tra').warning('Hàng đợi chậm: %s tác vụ', 12)"
)


def _run(log_format: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "motcua.conf.settings",
        "DATABASE_URL": "sqlite:///:memory:",
        "LOG_FORMAT": log_format,
    }
    return subprocess.run(  # noqa: S603 - fixed command
        [sys.executable, "-c", LOG_LINE],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_json_logs_are_one_object_per_line() -> None:
    done = _run("json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stderr.strip().splitlines()[-1])
    assert record["level"] == "WARNING"
    assert record["logger"] == "motcua.kiem_tra"
    assert record["message"] == "Hàng đợi chậm: 12 tác vụ"
    assert {"time", "pid"} <= set(record)


def test_an_unknown_format_stops_the_start() -> None:
    done = _run("xml")
    assert done.returncode != 0
    assert "LOG_FORMAT must be `text` or `json`" in done.stderr


def test_gunicorn_logs_use_the_same_formatter(capsys: pytest.CaptureFixture[str]) -> None:
    import logging.config

    logging.config.dictConfig(gunicorn_logconfig("json"))
    try:
        logging.getLogger("gunicorn.access").info('127.0.0.1 "GET /healthz HTTP/1.1" 200 16 3ms "curl"')
    finally:
        for name in ("gunicorn.access", "gunicorn.error"):
            logger = logging.getLogger(name)
            logger.handlers.clear()
            logger.propagate = True
    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert record["logger"] == "gunicorn.access" and record["message"].endswith('200 16 3ms "curl"')
    assert set(LOG_FORMATTERS) == {"text", "json"}
    assert logging.getLogger("gunicorn.access").propagate
