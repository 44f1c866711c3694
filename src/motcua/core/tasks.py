"""Queueing background work so that it happens if and only if the caller's change commits."""

from __future__ import annotations

from typing import Any

from django.db import router, transaction


def enqueue_with_transaction(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue ``task`` as part of the caller's transaction.

    The database queue (the deployment's) keeps its tasks in the application's database: the task
    row is written by the caller's transaction, so it commits or rolls back with the change, the
    worker cannot see it before, nothing is lost between a commit and a separate enqueue, and one
    commit serves both. Any other queue (the tests' immediate one, a broker) gets the task after
    the commit instead, and outside a transaction it is queued at once.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block or _queue_in(task.get_backend()) == connection.alias:
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def _queue_in(backend: Any) -> str | None:
    """The database alias a task backend stores its queue in, or None when it is not a database queue."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    return router.db_for_write(DBTaskResult) if isinstance(backend, DatabaseBackend) else None
