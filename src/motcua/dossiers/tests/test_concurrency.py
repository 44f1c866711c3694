"""Concurrency on PostgreSQL: unique codes under parallel intake; one winner when two officials act at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from motcua.accounts.models import AccountEvent
from motcua.core import audit
from motcua.core.exceptions import Conflict, DomainError
from motcua.dossiers import integrity, services
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.conftest import build_world
from motcua.dossiers.tests.helpers import receive, to_processing

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks are only meaningful on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def run_in_threads(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def target(index: int) -> None:
        try:
            barrier.wait()
            value = work(index)
            with lock:
                results.append(value)
        except BaseException as exc:  # collected and asserted by the test
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_parallel_intake_never_duplicates_a_code(frozen):
    world = build_world()
    per_thread = 5

    def work(index: int) -> list[str]:
        return [receive(world).code for _ in range(per_thread)]

    results, errors = run_in_threads(8, work)
    assert errors == []
    codes = [code for batch in results for code in batch]
    assert len(codes) == 40 and len(set(codes)) == 40
    assert sorted(int(code.rsplit("-", 1)[1]) for code in codes) == list(range(1, 41))
    assert Dossier.objects.count() == 40


def test_two_officials_forwarding_at_once_one_wins_the_other_gets_a_conflict(frozen):
    world = build_world()
    dossier = to_processing(world)
    seen = dossier.version
    actors = [world.specialist, world.head]

    def work(index: int) -> str:
        services.forward(Dossier.objects.get(pk=dossier.pk), actor=actors[index], expected_version=seen)
        return actors[index].username

    results, errors = run_in_threads(2, work)
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], Conflict) and errors[0].code == "conflict"
    dossier.refresh_from_db()
    assert dossier.version == seen + 1
    assert DossierEvent.objects.filter(dossier=dossier, action="forward").count() == 1


def test_two_officials_without_versions_are_serialised_by_the_row_lock(frozen):
    world = build_world()
    dossier = to_processing(world)

    def work(index: int) -> str:
        services.request_supplement(dossier.pk, actor=world.specialist, items=[f"Giấy tờ {index}"])
        return "ok"

    results, errors = run_in_threads(2, work)
    # The second one sees the new status under the lock and is refused by the workflow.
    assert results == ["ok"] and len(errors) == 1 and isinstance(errors[0], DomainError)
    assert errors[0].code == "action_not_allowed"


def test_parallel_writers_keep_every_history_chain_linear(frozen):
    """Dossiers' chains are serialised by the dossier lock, other tables' by the table's advisory lock."""
    world = build_world()
    dossier = to_processing(world)

    def work(index: int) -> None:
        for n in range(5):
            AccountEvent.objects.create(occurred_at=timezone.now(), action="user_updated", note=f"{index}-{n}")
        if index == 0:
            services.request_supplement(dossier.pk, actor=world.specialist, items=["Giấy tờ"])
        else:
            receive(world)

    results, errors = run_in_threads(6, work)
    assert errors == [] and len(results) == 6
    assert AccountEvent.objects.filter(action="user_updated").count() == 30
    assert audit.verify(AccountEvent) is None
    assert audit.verify(DossierEvent) is None
    assert integrity.first_break() is None
