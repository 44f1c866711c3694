from django.db import migrations, models
from django.db.models import F


def mark_routed(apps, schema_editor):
    """Steps at an agency other than the dossier's receiving and competent ones."""
    DossierStep = apps.get_model("dossiers", "DossierStep")
    DossierStep.objects.exclude(agency_id=F("dossier__receiving_agency_id")).exclude(
        agency_id=F("dossier__competent_agency_id")
    ).update(routed=True)


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0003_inbox_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossierstep',
            name='routed',
            field=models.BooleanField(default=False, verbose_name='ở cơ quan khác'),
        ),
        migrations.RunPython(mark_routed, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='dossierstep',
            index=models.Index(condition=models.Q(('routed', True)), fields=['agency'], include=('dossier',), name='step_routed'),
        ),
    ]
