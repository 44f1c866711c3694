"""The move of ``ExternalIdentity`` from the portal app to accounts keeps the existing rows."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from motcua.accounts.models import ExternalIdentity

BEFORE_MOVE = [("accounts", "0004_applicant_unique_messages"), ("portal", "0002_deliverychoice")]
LINKED_AT = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC)


def _migrate(targets: list[tuple[str, str]] | None = None) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.mark.django_db(transaction=True)
def test_linked_identities_survive_the_move_and_the_way_back() -> None:
    executor = _migrate(BEFORE_MOVE)
    old_apps = executor.loader.project_state(BEFORE_MOVE).apps
    user = old_apps.get_model("accounts", "User").objects.create(username="oidc-abc")
    old_apps.get_model("portal", "ExternalIdentity").objects.create(
        issuer="https://id.example.gov.vn", subject="s-1", user=user, linked_at=LINKED_AT, last_login_at=LINKED_AT
    )

    _migrate()
    identity = ExternalIdentity.objects.get()
    assert (identity.issuer, identity.subject, identity.user_id, identity.linked_at) == (
        "https://id.example.gov.vn",
        "s-1",
        user.pk,
        LINKED_AT,
    )
    tables = connection.introspection.table_names()
    assert "accounts_externalidentity" in tables and "portal_externalidentity" not in tables
    # New rows get fresh keys (the sequence followed the table on PostgreSQL).
    assert (
        ExternalIdentity.objects.create(
            issuer="https://id.example.gov.vn",
            subject="s-2",
            user_id=user.pk,
            linked_at=LINKED_AT,
            last_login_at=LINKED_AT,
        ).pk
        != identity.pk
    )

    executor = _migrate(BEFORE_MOVE)
    old_apps = executor.loader.project_state(BEFORE_MOVE).apps
    assert old_apps.get_model("portal", "ExternalIdentity").objects.count() == 2
    _migrate()
