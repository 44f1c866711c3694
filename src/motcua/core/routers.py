"""Reads of reports and dashboards from the read replica; everything else on the primary.

A streaming replica lags the primary by a moment, and a page that has just written must read what it
wrote; so reads go to the replica only where the code asks for it, inside :func:`using_replica`, and only
when ``REPLICA_DATABASE_URL`` configured the ``replica`` alias. Writes always go to ``default``, even
inside ``using_replica`` (a replica refuses them). The replica is never migrated: it copies the primary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from motcua.conf.database import REPLICA_ALIAS

_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


def replica_configured() -> bool:
    return REPLICA_ALIAS in connections.settings


@contextmanager
def using_replica() -> Iterator[None]:
    """Within the block, the ORM's reads go to the replica when there is one (querysets must be evaluated
    inside the block). For reports and dashboards that may show data a moment old, never for rows the
    request is about to change."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _reading_replica.get() and replica_configured():
            return REPLICA_ALIAS
        # Django's own choice: the database of the instance the read starts from, else default.
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # Both aliases hold the same rows.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db != REPLICA_ALIAS
