"""Which procedures are connected to the national public service portal (their dossiers are synchronised).

On SQLite, adding a column with a default rebuilds the procedure table, and the rebuild drops the
triggers that keep the search table (``catalogue_procedure_fts``, migration 0002) in step with it:
they are created again here, and the search table refilled. PostgreSQL adds the column in place.
"""

import importlib

from django.db import migrations, models

search_indexes = importlib.import_module("motcua.catalogue.migrations.0002_search_indexes")


def restore_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in search_indexes.SQLITE_BACKWARD:
        schema_editor.execute(sql)
    for sql in search_indexes.SQLITE_FORWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0010_widen_names_information_only_synonyms"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="dvcqg_connected",
            field=models.BooleanField(
                default=False,
                help_text="Hồ sơ của thủ tục được đồng bộ lên Cổng Dịch vụ công quốc gia.",
                verbose_name="đã kết nối Cổng DVC quốc gia",
            ),
        ),
        migrations.RunPython(restore_search_triggers, migrations.RunPython.noop),
    ]
