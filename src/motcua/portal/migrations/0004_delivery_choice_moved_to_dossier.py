"""The result delivery chosen online moves onto the dossier (``result_delivery``, ``delivery_address``)."""

from django.db import migrations


def copy_to_dossiers(apps, schema_editor):
    DeliveryChoice = apps.get_model("portal", "DeliveryChoice")
    Dossier = apps.get_model("dossiers", "Dossier")
    for choice in DeliveryChoice.objects.all().iterator():
        Dossier.objects.filter(pk=choice.dossier_id).update(
            result_delivery=choice.method, delivery_address=choice.postal_address
        )


def copy_back(apps, schema_editor):
    DeliveryChoice = apps.get_model("portal", "DeliveryChoice")
    Dossier = apps.get_model("dossiers", "Dossier")
    rows = Dossier.objects.exclude(result_delivery="").filter(channel="online")
    for dossier in rows.iterator():
        DeliveryChoice.objects.create(
            dossier_id=dossier.pk,
            method=dossier.result_delivery,
            postal_address=dossier.delivery_address,
            updated_at=dossier.updated_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0005_result_delivery_and_receipts"),
        ("portal", "0003_externalidentity_moved_to_accounts"),
    ]

    operations = [
        migrations.RunPython(copy_to_dossiers, copy_back),
        migrations.DeleteModel(name="DeliveryChoice"),
    ]
