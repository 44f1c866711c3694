"""The ``DATABASES`` setting built from URLs: SQLite for development and the demo, PostgreSQL in production,
with a pool of connections per process and, when one is given, a read replica for reports.

Kept apart from ``settings.py`` so that the rules can be tested without reloading the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dj_database_url

REPLICA_ALIAS = "replica"


@dataclass(frozen=True)
class PoolSize:
    """Connections one process keeps open (``min_size``) and may open at most (``max_size``), and the seconds
    a request waits for a free one before it fails (``timeout``)."""

    min_size: int
    max_size: int
    timeout: int

    def options(self) -> dict[str, int]:
        if not 0 <= self.min_size <= self.max_size or self.max_size < 1:
            raise ValueError("the pool needs 0 <= DATABASE_POOL_MIN_SIZE <= DATABASE_POOL_MAX_SIZE and a maximum >= 1")
        return {"min_size": self.min_size, "max_size": self.max_size, "timeout": self.timeout}


def is_sqlite(database: dict[str, Any]) -> bool:
    return str(database["ENGINE"]) == "django.db.backends.sqlite3"


def database(url: str, pool: PoolSize | None) -> dict[str, Any]:
    """One entry of ``DATABASES``. SQLite is opened per request in WAL mode; PostgreSQL through a pool when
    ``pool`` is given (Django's built-in psycopg pool), else with connections kept 60 s by each thread."""
    settings: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if is_sqlite(settings):
        settings["CONN_MAX_AGE"] = 0
        # WAL lets the web server and the background worker use the file at the same time.
        settings["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
        return settings
    options = settings.setdefault("OPTIONS", {})
    # The pages run short queries; PostgreSQL's JIT compiles any plan estimated above 100,000 and
    # spent 50-100 ms doing so on the back office's capped inbox count, saving nothing back.
    options.setdefault("options", "-c jit=off")
    # No prepared statements (Django's default with psycopg 3): their generic plans made the back office
    # ten times slower (docs/adr/0013).
    if pool is not None:
        # A pooled connection goes back to the pool at the end of each request; Django refuses a pool
        # together with persistent connections.
        settings["CONN_MAX_AGE"] = 0
        settings["CONN_HEALTH_CHECKS"] = True
        options["pool"] = pool.options()
    return settings


def databases(url: str, pool: PoolSize | None, replica_url: str = "") -> dict[str, dict[str, Any]]:
    """``default`` (every write and most reads) and, with ``replica_url``, the ``replica`` alias that
    reports read through ``motcua.core.routers.using_replica``."""
    configured = {"default": database(url, pool)}
    if replica_url:
        replica = database(replica_url, pool)
        if is_sqlite(replica) != is_sqlite(configured["default"]):
            raise ValueError("REPLICA_DATABASE_URL must name the same kind of database as DATABASE_URL")
        # Tests see the primary through the replica's alias: a test database is never replicated.
        replica["TEST"] = {"MIRROR": "default"}
        configured[REPLICA_ALIAS] = replica
    return configured
