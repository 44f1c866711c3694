"""PostgreSQL connections come from a pool per process (Django's psycopg pool); SQLite is opened per request."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from motcua.conf.database import PoolSize, databases

POSTGRES_URL = "postgres://motcua@db.example:5432/motcua"


def test_postgres_is_pooled_with_the_configured_sizes() -> None:
    default = databases(POSTGRES_URL, PoolSize(min_size=2, max_size=5, timeout=7))["default"]
    assert default["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 5, "timeout": 7}
    # Django refuses a pool together with persistent connections.
    assert default["CONN_MAX_AGE"] == 0
    assert default["OPTIONS"]["options"] == "-c jit=off"


def test_postgres_without_a_pool_keeps_connections_per_thread() -> None:
    default = databases(POSTGRES_URL, None)["default"]
    assert "pool" not in default["OPTIONS"]
    assert default["CONN_MAX_AGE"] == 60


def test_sqlite_is_unchanged_by_the_pool_settings() -> None:
    default = databases("sqlite:////tmp/motcua.sqlite3", PoolSize(1, 4, 10))["default"]
    assert default["CONN_MAX_AGE"] == 0
    assert "pool" not in default["OPTIONS"]
    assert default["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize(("low", "high"), [(3, 2), (0, 0), (-1, 4)])
def test_impossible_pool_sizes_are_refused(low: int, high: int) -> None:
    with pytest.raises(ValueError, match="DATABASE_POOL_MIN_SIZE"):
        databases(POSTGRES_URL, PoolSize(low, high, 10))


@pytest.mark.postgres
@pytest.mark.skipif(
    not settings.IS_POSTGRES, reason="the connection pool is PostgreSQL's (psycopg_pool); SQLite has none"
)
@pytest.mark.django_db
def test_the_running_database_connection_comes_from_the_pool() -> None:
    from psycopg_pool import ConnectionPool

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 0
    assert set(settings.DATABASES["default"]["OPTIONS"]["pool"]) == {"min_size", "max_size", "timeout"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert isinstance(connection.pool, ConnectionPool)
    assert connection.connection._pool is connection.pool
    assert connection.pool.get_stats()["pool_max"] == settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"]
