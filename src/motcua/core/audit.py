"""Append-only, tamper-evident audit tables (docs/security.md, "History").

Every concrete subclass of :class:`motcua.core.models.AuditEvent` is

* append-only in the database: triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), whoever
  runs them (the ORM, raw SQL, a database console). The only exception is emptying the whole database
  (the ``flush`` command, used by the test suite), see :func:`emptying`;
* hash-chained: each row stores ``previous_hash`` (the ``entry_hash`` of the row before it in its
  stream) and ``entry_hash``, SHA-256 over a canonical JSON of its own content. A stream is the
  rows of one aggregate when the model names a ``chain_stream`` field (a dossier's history), otherwise
  the whole table. Changing, removing or inserting a row breaks the chain: :func:`verify` finds it.

This module works on historical models too (migrations use it), so it reads the fields from ``_meta``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connections, migrations, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.operations.base import Operation
from django.db.models import Max, Subquery
from django.utils import timezone

HASH_FIELDS = ("previous_hash", "entry_hash")
# Emptiness is not content: a column added later with an empty default leaves earlier hashes valid.
_EMPTY: tuple[Any, ...] = (None, "", {}, [])
_SQLITE_GUARD = "motcua_audit_sealed"
_PG_FLAG = "motcua.audit_emptying"


# --- Hashing ------------------------------------------------------------------------


def _canonical_value(value: Any) -> Any:
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def canonical_content(row: models.Model) -> str:
    """The row's content as canonical JSON: every column but the id and its own hash, empty ones left out."""
    content = {}
    for field in row._meta.concrete_fields:
        if field.primary_key or field.attname == "entry_hash":
            continue
        value = getattr(row, field.attname)
        if any(value == empty and type(value) is type(empty) for empty in _EMPTY):
            continue
        content[field.attname] = _canonical_value(value)
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def content_hash(row: models.Model) -> str:
    return hashlib.sha256(canonical_content(row).encode()).hexdigest()


# --- Writing ------------------------------------------------------------------------


def _field(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def stream_attname(model: type[models.Model]) -> str | None:
    """The column a model's chains are kept per (``dossier_id``), or None for one chain per table."""
    name = getattr(model, "chain_stream", None)
    return _field(model, name).attname if name else None


def _new_parent(row: models.Model, stream: str) -> models.Model | None:
    """The aggregate, when it is being created in this transaction (a dossier at intake), else None.

    Its history can only have started in this transaction: the head is kept on the instance itself.
    """
    field = _field(type(row), stream.removesuffix("_id"))
    if not field.is_cached(row):
        return None
    parent = field.get_cached_value(row)
    return parent if parent is not None and parent._state.adding else None


def _last_hash(model: type[models.Model], using: str, stream: str | None, key: Any) -> str:
    rows = model._base_manager.using(using).order_by("-pk")
    if stream is not None:
        rows = rows.filter(**{stream: key})
    return rows.values_list("entry_hash", flat=True).first() or ""


def _heads(model: type[models.Model], using: str, stream: str | None, rows: Sequence[Any]) -> dict[Any, str]:
    """The last hash of each stream the new rows join ("" for a stream that starts now)."""
    if stream is None:
        return {None: _last_hash(model, using, None, None)}
    heads = {}
    for row in rows:
        parent = _new_parent(row, stream)
        if parent is not None:
            heads[getattr(row, stream)] = getattr(parent, "_audit_head", "")
    keys = {getattr(row, stream) for row in rows} - heads.keys()
    if len(keys) == 1:
        key = keys.pop()
        heads[key] = _last_hash(model, using, stream, key)
    elif keys:  # a bulk insert over many streams (data loading): two queries, not one per stream
        manager = model._base_manager.using(using)
        latest = manager.filter(**{f"{stream}__in": keys}).values(stream).annotate(last=Max("pk")).values("last")
        heads.update(dict.fromkeys(keys, ""))
        heads.update(manager.filter(pk__in=Subquery(latest)).values_list(stream, "entry_hash"))
    return heads


def _lock_table_stream(model: type[models.Model], using: str) -> None:
    """Serialise writers of a one-chain table until commit (PostgreSQL; SQLite writes one at a time)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"audit:{model._meta.db_table}"])


def chain(rows: Sequence[Any], using: str) -> None:
    """Fill ``previous_hash`` and ``entry_hash`` of new rows, in order, before they are inserted.

    Call inside the transaction that inserts them. A dossier's rows are serialised by the dossier's row
    lock (every action takes it, see ``dossiers.services.base.begin``); other tables take a lock here.
    Costs one indexed read of the predecessor's hash per stream, none for a dossier being received.
    """
    if not rows:
        return
    model = type(rows[0])
    stream = stream_attname(model)
    if stream is None:
        _lock_table_stream(model, using)
    last = _heads(model, using, stream, rows)
    for row in rows:
        key = getattr(row, stream) if stream else None
        row.previous_hash = last[key]
        row.entry_hash = content_hash(row)
        last[key] = row.entry_hash
        parent = _new_parent(row, stream) if stream else None
        if parent is not None:
            parent._audit_head = row.entry_hash  # type: ignore[attr-defined]


def chain_existing(model: type[models.Model], using: str, stream: str | None = None) -> None:
    """Compute the chains of rows written before hashing existed, in insertion order (a migration)."""
    last: dict[Any, str] = {}
    row: Any
    for row in model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000):
        key = getattr(row, stream) if stream else None
        row.previous_hash = last.get(key, "")
        row.entry_hash = content_hash(row)
        last[key] = row.entry_hash
        model._base_manager.using(using).filter(pk=row.pk).update(
            previous_hash=row.previous_hash, entry_hash=row.entry_hash
        )


# --- Verifying ----------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """The first row of a stream whose content or link does not hold."""

    table: str
    pk: Any
    stream_key: Any
    reason: str

    def __str__(self) -> str:
        where = f" (chuỗi {self.stream_key})" if self.stream_key is not None else ""
        return f"{self.table} #{self.pk}{where}: {self.reason}"


def verify(model: type[models.Model], using: str = "default", key: Any = None) -> Break | None:
    """Check one stream (``key``) or every stream of a table; return the first broken link, if any."""
    stream = stream_attname(model)
    rows = model._base_manager.using(using).order_by("pk")
    if stream is not None and key is not None:
        rows = rows.filter(**{stream: key})
    table = model._meta.db_table
    last: dict[Any, str] = {}
    row: Any
    for row in rows.iterator(chunk_size=2000):
        stream_key = getattr(row, stream) if stream else None
        if row.previous_hash != last.get(stream_key, ""):
            return Break(table, row.pk, stream_key, "không nối tiếp bản ghi trước (bị xóa, chèn hoặc sửa)")
        if row.entry_hash != content_hash(row):
            return Break(table, row.pk, stream_key, "nội dung không khớp mã băm (bị sửa)")
        last[stream_key] = row.entry_hash
    return None


# --- Database guards ----------------------------------------------------------------

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION motcua_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('{_PG_FLAG}', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Nhật ký % chỉ được ghi thêm: % bị từ chối (audit table is append-only).', TG_TABLE_NAME, TG_OP;
END $$;
"""


def _pg_trigger_sql(table: str) -> list[str]:
    return [
        _PG_FUNCTION,
        f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"',
        f'DROP TRIGGER IF EXISTS "{table}_no_truncate" ON "{table}"',
        f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
        "FOR EACH ROW EXECUTE FUNCTION motcua_audit_append_only()",
        f'CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}" '
        "FOR EACH STATEMENT EXECUTE FUNCTION motcua_audit_append_only()",
    ]


def _sqlite_trigger_sql(table: str) -> list[str]:
    message = f"Nhật ký {table} chỉ được ghi thêm (audit table is append-only)."
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{table}_no_update" BEFORE UPDATE ON "{table}" '
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        # The guard function is registered on the application's connections only (see register_sqlite_guard);
        # anywhere else the DELETE fails on the unknown function, which refuses it just the same.
        f'CREATE TRIGGER IF NOT EXISTS "{table}_no_delete" BEFORE DELETE ON "{table}" '
        f"WHEN {_SQLITE_GUARD}() BEGIN SELECT RAISE(ABORT, '{message}'); END",
    ]


def _drop_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"',
            f'DROP TRIGGER IF EXISTS "{table}_no_truncate" ON "{table}"',
        ]
    return [f'DROP TRIGGER IF EXISTS "{table}_no_update"', f'DROP TRIGGER IF EXISTS "{table}_no_delete"']


def _run(connection: BaseDatabaseWrapper, statements: Iterable[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def seal(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    """Install the append-only triggers on ``tables`` (idempotent)."""
    for table in tables:
        if connection.vendor == "postgresql":
            _run(connection, _pg_trigger_sql(table))
        elif connection.vendor == "sqlite":
            _run(connection, _sqlite_trigger_sql(table))


def unsealed(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> list[str]:
    """The tables among ``tables`` that lack their append-only triggers."""
    if connection.vendor == "postgresql":
        query, suffixes = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal", ("_append_only", "_no_truncate")
    elif connection.vendor == "sqlite":
        query, suffixes = "SELECT name FROM sqlite_master WHERE type = 'trigger'", ("_no_update", "_no_delete")
    else:
        return []
    with connection.cursor() as cursor:
        cursor.execute(query)
        present = {row[0] for row in cursor.fetchall()}
    return [table for table in tables if any(table + suffix not in present for suffix in suffixes)]


def unseal(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    """Remove the triggers (reversing the migration that installed them)."""
    for table in tables:
        if connection.vendor in ("postgresql", "sqlite"):
            _run(connection, _drop_sql(connection.vendor, table))


def register_sqlite_guard(connection: BaseDatabaseWrapper) -> None:
    """Give a new SQLite connection the function its DELETE triggers ask (1: refuse, 0: emptying)."""
    connection.connection.create_function(
        _SQLITE_GUARD, 0, lambda: 0 if getattr(connection, "audit_emptying", False) else 1, deterministic=False
    )


@contextmanager
def emptying(using: str = "default") -> Iterator[None]:
    """Let whole audit tables be emptied: TRUNCATE on PostgreSQL, DELETE on SQLite; never UPDATE.

    For the ``flush`` command only (a test database between tests, a database being reset). It does not
    weaken the history of a running service, whose code never enters it.
    """
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        _run(connection, [f"SET {_PG_FLAG} = 'on'"])
    connection.audit_emptying = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        connection.audit_emptying = False  # type: ignore[attr-defined]
        if connection.vendor == "postgresql":
            # If the transaction failed, rolling it back undoes the SET as well.
            with suppress(DatabaseError):
                _run(connection, [f"RESET {_PG_FLAG}"])


def empty_table(model: type[models.Model], using: str = "default") -> None:
    """Empty one audit table (tests that rebuild a fresh installation)."""
    connection = connections[using]
    table = connection.ops.quote_name(model._meta.db_table)
    with emptying(using):
        if connection.vendor == "postgresql":
            # TRUNCATE waits for no deferred check: run those of this transaction first.
            _run(connection, ["SET CONSTRAINTS ALL IMMEDIATE", f"TRUNCATE {table}", "SET CONSTRAINTS ALL DEFERRED"])
        else:
            _run(connection, [f"DELETE FROM {table}"])  # noqa: S608 - a model's table name, quoted


def migration_operations(app_label: str, streams: dict[str, str | None]) -> list[Operation]:
    """The operations that chain an app's existing audit rows, then seal its tables.

    ``streams`` maps each audit model of the app to its stream column (``"dossier_id"``) or None.
    """

    def tables(apps: Any) -> list[str]:
        return [apps.get_model(app_label, name)._meta.db_table for name in streams]

    def forwards(apps: Any, schema_editor: Any) -> None:
        # Tables sealed by an earlier run (migrated back, then forward again) must be writable to chain.
        unseal(schema_editor.connection, tables(apps))
        for name, stream in streams.items():
            chain_existing(apps.get_model(app_label, name), schema_editor.connection.alias, stream)
        seal(schema_editor.connection, tables(apps))

    def backwards(apps: Any, schema_editor: Any) -> None:
        unseal(schema_editor.connection, tables(apps))

    return [migrations.RunPython(forwards, backwards)]
