"""``ExternalIdentity`` moves to the accounts app, keeping its table's rows.

The table is renamed to the accounts app's name and the model leaves the portal's state;
``accounts.0005`` (which depends on this migration) adds it to the accounts' state without touching
the database. Both steps reverse cleanly (the table gets its portal name back).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0002_deliverychoice'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='ExternalIdentity', table='accounts_externalidentity'),
            ],
            state_operations=[
                migrations.DeleteModel(name='ExternalIdentity'),
            ],
        ),
    ]
