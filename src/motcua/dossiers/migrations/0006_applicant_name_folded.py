"""The applicant's name folded (no diacritics, đ→d, lower case) on the dossier, for the inbox search.

Backfilled here in batches; on PostgreSQL a trigram GIN index (pg_trgm) serves ``LIKE '%…%'``
(``contains``) and prefix searches over it. The index is PostgreSQL-only and kept out of the
model state, so SQLite migrates the same way without it.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models

from motcua.core.text import fold

BATCH = 2000
INDEX = "dossier_applicant_name_trgm"


def backfill(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    rows = Dossier.objects.filter(applicant_name_folded="").exclude(applicant_name="").order_by("pk")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).only("pk", "applicant_name")[:BATCH])
        if not batch:
            return
        for dossier in batch:
            dossier.applicant_name_folded = fold(dossier.applicant_name)
        Dossier.objects.bulk_update(batch, ["applicant_name_folded"])
        last = batch[-1].pk


def _index(forward: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        if forward:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON dossiers_dossier USING gin (applicant_name_folded gin_trgm_ops)"
            )
        else:
            schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0005_result_delivery_and_receipts"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="applicant_name_folded",
            field=models.CharField(blank=True, default="", max_length=255, verbose_name="họ tên người nộp (không dấu)"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        CreateExtension("pg_trgm"),  # no-op elsewhere than PostgreSQL; exists when the catalogue's ran
        migrations.RunPython(_index(True), _index(False)),
    ]
