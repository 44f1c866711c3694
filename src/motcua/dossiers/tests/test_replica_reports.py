"""Reports read the read replica; writes, and every read outside a report, go to the primary.

On PostgreSQL a second database stands in for the streaming replica: a copy of the test database taken
at one moment (``CREATE DATABASE … TEMPLATE``), which the primary's later writes never reach, so a report
that reads it shows the copy's figures and not the primary's.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.conf.database import REPLICA_ALIAS, databases
from motcua.core.routers import ReplicaRouter, using_replica
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import DossierStep
from motcua.dossiers.selectors.reports import unit_workload
from motcua.dossiers.tests.conftest import build_world
from motcua.dossiers.tests.helpers import to_processing
from motcua.organisations.models import Agency
from motcua.organisations.tests.factories import AgencyFactory


def test_without_a_replica_reports_read_the_primary() -> None:
    router = ReplicaRouter()
    assert REPLICA_ALIAS not in settings.DATABASES
    with using_replica():
        assert router.db_for_read(Agency) is None  # Django's default: the primary
        assert router.db_for_write(Agency) == "default"


def test_with_a_replica_only_reads_inside_using_replica_go_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(connections.settings, REPLICA_ALIAS, {})
    router = ReplicaRouter()
    assert router.db_for_read(Agency) is None
    with using_replica():
        assert router.db_for_read(Agency) == REPLICA_ALIAS
        assert router.db_for_write(Agency) == "default"
    assert router.db_for_read(Agency) is None
    assert router.allow_migrate(REPLICA_ALIAS, "dossiers") is False
    assert router.allow_migrate("default", "dossiers") is True


def test_the_replica_setting_adds_an_alias_mirrored_in_tests() -> None:
    configured = databases("postgres://a@primary/motcua", None, "postgres://a@standby/motcua")
    assert configured[REPLICA_ALIAS]["HOST"] == "standby"
    assert configured[REPLICA_ALIAS]["TEST"] == {"MIRROR": "default"}
    with pytest.raises(ValueError, match="same kind"):
        databases("postgres://a@primary/motcua", None, "sqlite:////tmp/replica.sqlite3")


@pytest.fixture
def replica_copy(transactional_db: Any) -> Iterator[str]:
    """Registers ``replica`` for this test: a copy of the test database as it is when the fixture is used."""
    primary = connections["default"]
    name = f"{primary.settings_dict['NAME']}_replica"
    # A template database must have no other session: the pooled connections are closed first.
    primary.close()
    if primary.pool is not None:
        primary.close_pool()
    with primary._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{primary.settings_dict["NAME"]}"')
    replica_settings = copy.deepcopy(primary.settings_dict)
    replica_settings["NAME"] = name
    replica_settings["OPTIONS"].pop("pool", None)
    # Connected before the alias is declared in the settings: a test case lets only the databases it knew
    # of at its start open a connection, and treats the others as dynamically created.
    connections[REPLICA_ALIAS] = load_backend(replica_settings["ENGINE"]).DatabaseWrapper(
        replica_settings, REPLICA_ALIAS
    )
    connections[REPLICA_ALIAS].ensure_connection()
    connections.settings[REPLICA_ALIAS] = replica_settings
    try:
        yield name
    finally:
        connections[REPLICA_ALIAS].close()
        del connections[REPLICA_ALIAS]
        del connections.settings[REPLICA_ALIAS]
        with primary._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _open_steps(handler: Any, alias: str) -> int:
    return (
        DossierStep.objects.using(alias).filter(handler=handler, state=StepState.ACTIVE, kind=StepKind.PROCESS).count()
    )


@pytest.mark.postgres
@pytest.mark.skipif(
    not settings.IS_POSTGRES,
    reason="the replica is stood in for by a second PostgreSQL database (CREATE DATABASE … TEMPLATE); "
    "SQLite has no second database to route to",
)
@pytest.mark.django_db(transaction=True)
def test_reports_read_the_replica_and_writes_go_to_the_primary(frozen: Any, request: pytest.FixtureRequest) -> None:
    world = build_world()
    to_processing(world)
    request.getfixturevalue("replica_copy")  # the replica's copy stops here
    to_processing(world)  # written to the primary only
    with using_replica():
        written_in_report = AgencyFactory(name="Sở Nội vụ")
    assert Agency.objects.using("default").filter(pk=written_in_report.pk).exists()
    assert not Agency.objects.using(REPLICA_ALIAS).filter(pk=written_in_report.pk).exists()
    assert (_open_steps(world.specialist, "default"), _open_steps(world.specialist, REPLICA_ALIAS)) == (2, 1)

    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections[REPLICA_ALIAS]) as on_replica,
    ):
        workload = unit_workload(world.department, timezone.now())

    assert on_primary.captured_queries == []
    assert len(on_replica.captured_queries) == 2
    open_steps = {handler.username: handler.open_steps for handler in workload.handlers}
    assert open_steps[world.specialist.username] == 1
    # Outside a report the same read sees the primary.
    assert DossierStep.objects.filter(handler=world.specialist, state=StepState.ACTIVE).count() == 2
