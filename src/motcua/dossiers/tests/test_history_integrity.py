"""The history is append-only in the database and tamper-evident (docs/security.md, "History")."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.accounts.models import AccountEvent
from motcua.core import audit
from motcua.core.models import audit_models
from motcua.dossiers import integrity, selectors, services
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.helpers import receive, to_processing

PHONE = "0912345678"


def _refused(statement: Any) -> None:
    """The database refuses the change; the test's transaction goes on (a savepoint absorbs the error)."""
    with pytest.raises((DatabaseError, PermissionError)), transaction.atomic():
        statement()


def _raw(sql: str, *params: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_every_audit_table_has_the_append_only_triggers(db: Any) -> None:
    tables = [model._meta.db_table for model in audit_models()]
    assert {"dossiers_dossierevent", "accounts_accountevent", "payments_paymentevent"} <= set(tables)
    assert audit.unsealed(connection, tables) == []


def test_migrate_restores_triggers_a_table_lost(db: Any) -> None:
    """SQLite drops a table's triggers when a migration rebuilds the table; every migrate puts them back."""
    audit.unseal(connection, ["payments_paymentevent"])
    assert audit.unsealed(connection, ["payments_paymentevent"]) == ["payments_paymentevent"]
    call_command("migrate", verbosity=0)
    assert audit.unsealed(connection, ["payments_paymentevent"]) == []


def test_a_dossiers_history_cannot_be_changed_or_removed(world: Any) -> None:
    dossier = receive(world)
    before = [e.action for e in selectors.public_lookup(dossier.code, phone=PHONE).history]
    assert before

    _refused(lambda: DossierEvent.objects.filter(dossier=dossier).update(note="sửa"))
    _refused(lambda: DossierEvent.objects.filter(dossier=dossier).delete())
    _refused(lambda: DossierEvent._base_manager.filter(dossier=dossier).update(note="sửa"))
    _refused(lambda: DossierEvent._base_manager.filter(dossier=dossier)._raw_delete(DossierEvent.objects.db))
    _refused(lambda: _raw("UPDATE dossiers_dossierevent SET note = 'sửa' WHERE dossier_id = %s", dossier.pk))
    _refused(lambda: _raw("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s", dossier.pk))
    if connection.vendor == "postgresql":
        _refused(lambda: _raw("TRUNCATE dossiers_dossierevent CASCADE"))

    assert [e.action for e in selectors.public_lookup(dossier.code, phone=PHONE).history] == before
    assert not DossierEvent.objects.filter(note="sửa").exists()


def test_other_audit_tables_refuse_changes_too(db: Any) -> None:
    AccountEvent.objects.create(occurred_at=timezone.now(), action="user_created")
    _refused(lambda: AccountEvent._base_manager.update(note="sửa"))
    _refused(lambda: _raw("DELETE FROM accounts_accountevent"))
    assert AccountEvent.objects.get().note == ""


def test_each_event_carries_its_predecessors_hash_per_dossier(world: Any) -> None:
    first = to_processing(world)
    other = receive(world)
    chain = list(DossierEvent.objects.filter(dossier=first).order_by("pk"))
    assert len(chain) >= 3
    assert chain[0].previous_hash == ""
    for before, after in itertools.pairwise(chain):
        assert after.previous_hash == before.entry_hash
    assert all(e.entry_hash == audit.content_hash(e) for e in chain)
    # A dossier's history is its own chain: the other dossier starts afresh.
    assert DossierEvent.objects.filter(dossier=other).order_by("pk").first().previous_hash == ""
    assert audit.verify(DossierEvent) is None


def test_other_tables_are_one_chain(db: Any) -> None:
    for action in ("user_created", "user_updated", "membership_granted"):
        AccountEvent.objects.create(occurred_at=timezone.now(), action=action)
    rows = list(AccountEvent.objects.order_by("pk"))
    assert [r.previous_hash for r in rows] == ["", rows[0].entry_hash, rows[1].entry_hash]
    assert audit.verify(AccountEvent) is None


def _tamper(sql: str, *params: Any) -> None:
    """What someone owning the database could still do: drop the triggers and edit rows (rolled back with the test)."""
    tables = [DossierEvent._meta.db_table]
    audit.unseal(connection, tables)
    _raw(sql, *params)
    audit.seal(connection, tables)


def test_verify_history_reports_an_edited_event(world: Any) -> None:
    dossier = to_processing(world)
    call_command("verify_history", "--dossier", dossier.code)  # intact: no error
    edited = DossierEvent.objects.filter(dossier=dossier).order_by("pk")[1]
    _tamper("UPDATE dossiers_dossierevent SET note = 'đã sửa' WHERE id = %s", edited.pk)
    with pytest.raises(CommandError, match=f"#{edited.pk}.*mã băm"):
        call_command("verify_history", "--dossier", dossier.code)
    with pytest.raises(CommandError, match=f"#{edited.pk}"):
        call_command("verify_history")


def test_verify_history_reports_a_removed_event(world: Any) -> None:
    dossier = to_processing(world)
    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("pk"))
    _tamper("DELETE FROM dossiers_dossierevent WHERE id = %s", events[0].pk)
    with pytest.raises(CommandError, match=f"#{events[1].pk}.*không nối tiếp"):
        call_command("verify_history", "--dossier", dossier.code)


def test_verify_history_reports_an_unknown_dossier(db: Any) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("verify_history", "--dossier", "KHONGCO")


def test_existing_rows_are_chained_in_order(world: Any) -> None:
    """The migration's chaining of rows written before hashes existed gives the same chain as writing."""
    dossier = to_processing(world)
    written = list(DossierEvent.objects.order_by("pk").values_list("previous_hash", "entry_hash"))
    _tamper("UPDATE dossiers_dossierevent SET previous_hash = '', entry_hash = ''")
    assert audit.verify(DossierEvent) is not None
    audit.unseal(connection, [DossierEvent._meta.db_table])
    audit.chain_existing(DossierEvent, "default", "dossier_id")
    audit.seal(connection, [DossierEvent._meta.db_table])
    assert list(DossierEvent.objects.order_by("pk").values_list("previous_hash", "entry_hash")) == written
    assert dossier.events.exists()


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database(frozen: Any) -> None:
    """The test framework (and ``flush``) may empty the audit tables, nothing else may."""
    from motcua.dossiers.tests.conftest import build_world

    receive(build_world())
    assert DossierEvent.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not DossierEvent.objects.exists()
    AccountEvent.objects.create(occurred_at=timezone.now(), action="user_created")
    _refused(lambda: _raw("DELETE FROM accounts_accountevent"))


def test_verify_history_reports_a_history_cut_at_its_end(world: Any) -> None:
    """Removing the last events leaves a valid chain; the dossier's own status shows the cut."""
    dossier = to_processing(world)
    last = DossierEvent.objects.filter(dossier=dossier).latest("pk")
    assert last.status_after == dossier.status
    draft_free = receive(world)
    _tamper("DELETE FROM dossiers_dossierevent WHERE id >= %s AND dossier_id = %s", last.pk - 1, dossier.pk)
    with pytest.raises(CommandError, match=f"{dossier.code}.*không khớp trạng thái"):
        call_command("verify_history", "--dossier", dossier.code)
    _tamper("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s", draft_free.pk)
    with pytest.raises(CommandError, match=f"{draft_free.code}.*không còn bản ghi"):
        call_command("verify_history", "--dossier", draft_free.code)
    with pytest.raises(CommandError, match="hồ sơ"):
        call_command("verify_history")


def test_one_bulk_insert_over_many_dossiers_extends_each_chain(world: Any) -> None:
    first, second = receive(world), receive(world)
    now = timezone.now()
    DossierEvent.objects.bulk_create(
        [
            DossierEvent(dossier=d, occurred_at=now, action="register", status_after=d.status)
            for d in (first, second, first)
        ]
    )
    assert audit.verify(DossierEvent) is None
    assert integrity.first_break() is None


def test_intake_reads_no_predecessor_and_a_later_action_reads_one(world: Any) -> None:
    """The cost of chaining: no read for a dossier being received, one indexed read per later action."""

    def event_reads(queries: CaptureQueriesContext) -> int:
        return sum(
            1 for q in queries.captured_queries if q["sql"].startswith("SELECT") and "dossiers_dossierevent" in q["sql"]
        )

    with CaptureQueriesContext(connection) as at_intake:
        dossier = receive(world)
    assert event_reads(at_intake) == 0
    with CaptureQueriesContext(connection) as assigning:
        services.assign(dossier, actor=world.head, handler=world.specialist)
    assert event_reads(assigning) == 1


def test_a_dossier_being_received_chains_events_saved_one_by_one(db: Any) -> None:
    """Before its row is inserted a dossier has no history in the database: the chain's head is kept on it."""
    fresh = Dossier(pk=424242)  # a reserved id, row not written yet, as at intake
    first = DossierEvent(dossier=fresh, occurred_at=timezone.now(), action="register")
    with CaptureQueriesContext(connection) as queries:
        audit.chain([first], "default")
        second = DossierEvent(dossier=fresh, occurred_at=timezone.now(), action="accept")
        audit.chain([second], "default")
    assert first.previous_hash == "" and second.previous_hash == first.entry_hash
    assert len(queries) == 0
