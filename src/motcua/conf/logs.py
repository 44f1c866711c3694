"""Log formats: lines for a person, or one JSON object per line for a log collector (``LOG_FORMAT``).

Shared by the Django settings and ``conf/gunicorn.py``, so the application's, gunicorn's and the access
logs of one process read alike.
"""

from __future__ import annotations

from typing import Any

LOG_FORMATTERS: dict[str, dict[str, Any]] = {
    "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
        "timestamp": False,
    },
}


def gunicorn_logconfig(log_format: str) -> dict[str, Any]:
    """gunicorn's ``logconfig_dict``: its error and access logs on standard output in ``log_format``."""
    handler = {"class": "logging.StreamHandler", "formatter": log_format, "stream": "ext://sys.stdout"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": LOG_FORMATTERS,
        "handlers": {"console": handler},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
