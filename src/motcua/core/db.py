"""Database helpers the ORM does not offer."""

from __future__ import annotations

from django.db import connection, models, transaction


def reserve_id(model: type[models.Model]) -> int:
    """Draw the next primary key of ``model``'s table without inserting a row. Must run in a transaction.

    Rows that refer to the new row can then be written before it: foreign keys are checked at
    commit (Django declares them ``DEFERRABLE INITIALLY DEFERRED``), so a row whose content is only
    complete at the end of the transaction is inserted once instead of inserted and updated.
    On PostgreSQL the key comes from the column's sequence; on SQLite, whose write transaction
    locks the whole database, from the table's ``AUTOINCREMENT`` counter.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reserve_id must run inside transaction.atomic()")
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s))", [table, column])
            return int(cursor.fetchone()[0])
        # SQLite keeps the largest key handed out per table in sqlite_sequence (no row before the first insert).
        cursor.execute("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = %s RETURNING seq", [table])
        row = cursor.fetchone()
        if row is not None:
            return int(row[0])
        quoted = connection.ops.quote_name(table), connection.ops.quote_name(column)
        cursor.execute("SELECT COALESCE(MAX({1}), 0) + 1 FROM {0}".format(*quoted))  # noqa: S608 - names from the model
        drawn = int(cursor.fetchone()[0])
        cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, drawn])
        return drawn
