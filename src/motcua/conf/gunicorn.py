"""gunicorn settings for the demo and production: ``gunicorn -c src/motcua/conf/gunicorn.py motcua.wsgi``.

Every value can be overridden on the command line or by gunicorn's own environment variables
(``GUNICORN_CMD_ARGS``); the ones below read the project's environment so that ``make demo`` and a
province's service file configure it the same way.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from motcua.conf.logs import gunicorn_logconfig

# One synchronous worker per core by default: each request holds a database connection for its length,
# and the database (SQLite in the demo, PostgreSQL in production) is the shared resource to protect.
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# Intake renders the receipt PDF in the request; a generous limit, then the worker is replaced.
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so that no slow growth of a long-lived process accumulates.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# LOG_FORMAT=json: one JSON object per line here too (the access line is its message).
logconfig_dict = gunicorn_logconfig(os.environ.get("LOG_FORMAT", "text"))
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Only the local reverse proxy may say which scheme the client used (the client address is read by
# motcua.core.clientaddr from TRUSTED_PROXY_COUNT, not by gunicorn).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "motcua"

# Request-time metrics (/metrics, motcua.metrics): each worker writes its figures in this folder and a
# scrape adds them up. Set before the workers start, so that they find it; emptied at each start.
metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", str(Path(__file__).resolve().parents[3] / "var" / "metrics")
)


def on_starting(server: object) -> None:
    shutil.rmtree(metrics_dir, ignore_errors=True)
    os.makedirs(metrics_dir, exist_ok=True)


def child_exit(server: object, worker: Any) -> None:
    # A replaced worker's gauges leave with it; its counters and histograms stay in the sums.
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
