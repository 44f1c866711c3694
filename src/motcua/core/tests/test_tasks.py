"""enqueue_with_transaction: queued with the change when the queue is the database, else after commit."""

from typing import Any

import pytest
from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend

from motcua.core.tasks import enqueue_with_transaction


class FakeTask:
    def __init__(self, backend: Any) -> None:
        self.backend, self.queued = backend, []

    def get_backend(self) -> Any:
        return self.backend

    def enqueue(self, *args: Any) -> None:
        self.queued.append(args)


QUEUES = {"database": DatabaseBackend("default", {}), "immediate": ImmediateBackend("default", {})}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("queue", QUEUES)
def test_when_the_task_is_queued(queue):
    task = FakeTask(QUEUES[queue])
    enqueue_with_transaction(task, 1)
    assert task.queued == [(1,)]  # no transaction: at once
    with transaction.atomic():
        enqueue_with_transaction(task, 2)
        inside = list(task.queued)
    assert inside == ([(1,), (2,)] if queue == "database" else [(1,)])
    assert task.queued == [(1,), (2,)]  # after commit in any case
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_with_transaction(task, 3)
        raise RuntimeError
    # Rolled back: the immediate queue never gets it; the database queue's row (not written by this
    # fake) would have been rolled back with the transaction.
    assert task.queued == ([(1,), (2,), (3,)] if queue == "database" else [(1,), (2,)])
