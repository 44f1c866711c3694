"""PostgreSQL: a full-text GIN index over the folded name, the first stage of search (as FTS5 on SQLite).

Trigram word similarity (0002) stays for queries whose every word is misspelt. No-op on SQLite.
"""

from django.db import migrations

FORWARD = (
    "CREATE INDEX catalogue_procedure_name_tsv ON catalogue_procedure "
    "USING gin (to_tsvector('simple'::regconfig, name_folded))"
)
BACKWARD = "DROP INDEX IF EXISTS catalogue_procedure_name_tsv"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_step_duration_not_counted")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
