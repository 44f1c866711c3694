"""Faster catalogue search.

- ``NamesRevision``: a token that changes with procedure names, so each process knows when to reload
  the words it corrects misspelt query words against (``catalogue.search.vocabulary``).
- An index on (procedure, effective_from, effective_until): "the version in force on day d", asked by
  the search filters, the listings and the intake.
- PostgreSQL only: the folded name's ``tsvector`` stored in a generated column (not a model field, like
  the FTS5 table on SQLite) with the GIN index on it, so ranking (``ts_rank``) reads it instead of
  parsing every matching name again. It replaces the expression index of 0004.
"""

import uuid

from django.db import migrations, models

POSTGRES_FORWARD = [
    "ALTER TABLE catalogue_procedure ADD COLUMN name_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_folded)) STORED",
    "CREATE INDEX catalogue_procedure_name_tsv_stored ON catalogue_procedure USING gin (name_tsv)",
    "DROP INDEX IF EXISTS catalogue_procedure_name_tsv",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX catalogue_procedure_name_tsv ON catalogue_procedure "
    "USING gin (to_tsvector('simple'::regconfig, name_folded))",
    "DROP INDEX IF EXISTS catalogue_procedure_name_tsv_stored",
    "ALTER TABLE catalogue_procedure DROP COLUMN IF EXISTS name_tsv",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_postgres_fulltext")]

    operations = [
        migrations.CreateModel(
            name="NamesRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.UUIDField(default=uuid.uuid4)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "phiên bản từ vựng tên thủ tục",
                "verbose_name_plural": "phiên bản từ vựng tên thủ tục",
            },
        ),
        migrations.AddIndex(
            model_name="procedureversion",
            index=models.Index(
                fields=["procedure", "effective_from", "effective_until"], name="catalogue_version_period"
            ),
        ),
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
