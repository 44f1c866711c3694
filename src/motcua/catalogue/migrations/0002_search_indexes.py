"""Search indexes over the folded procedure names, per database vendor.

PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions and a trigram GIN index on the
folded name (word similarity finds typos such as "dang ki" for "đăng ký").
SQLite: an FTS5 table over the folded name and code, kept in step with the procedure
table by triggers (FTS5's own diacritic removal misses đ, hence the folded column).
Each vendor's operations are no-ops on the other.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalogue_procedure_fts USING fts5("
    "name_folded, code UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO catalogue_procedure_fts(rowid, name_folded, code) SELECT id, name_folded, code FROM catalogue_procedure",
    "CREATE TRIGGER catalogue_procedure_fts_ai AFTER INSERT ON catalogue_procedure BEGIN "
    "INSERT INTO catalogue_procedure_fts(rowid, name_folded, code) VALUES (new.id, new.name_folded, new.code); END",
    "CREATE TRIGGER catalogue_procedure_fts_ad AFTER DELETE ON catalogue_procedure BEGIN "
    "DELETE FROM catalogue_procedure_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER catalogue_procedure_fts_au AFTER UPDATE OF name_folded, code ON catalogue_procedure BEGIN "
    "DELETE FROM catalogue_procedure_fts WHERE rowid = old.id; "
    "INSERT INTO catalogue_procedure_fts(rowid, name_folded, code) VALUES (new.id, new.name_folded, new.code); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalogue_procedure_fts_au",
    "DROP TRIGGER IF EXISTS catalogue_procedure_fts_ad",
    "DROP TRIGGER IF EXISTS catalogue_procedure_fts_ai",
    "DROP TABLE IF EXISTS catalogue_procedure_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX catalogue_procedure_name_trgm ON catalogue_procedure USING gin (name_folded gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS catalogue_procedure_name_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        CreateExtension("unaccent"),
        CreateExtension("pg_trgm"),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
