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
    # Only the columns it copies: read whole, the dossier would name columns that later migrations of
    # other apps may have added to the historical model but not yet removed from the table, or the reverse.
    rows = (
        Dossier.objects.exclude(result_delivery="")
        .filter(channel="online")
        .values_list("pk", "result_delivery", "delivery_address", "updated_at")
    )
    for pk, method, address, updated_at in rows.iterator():
        DeliveryChoice.objects.create(dossier_id=pk, method=method, postal_address=address, updated_at=updated_at)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0005_result_delivery_and_receipts"),
        ("portal", "0003_externalidentity_moved_to_accounts"),
    ]

    operations = [
        migrations.RunPython(copy_to_dossiers, copy_back),
        migrations.DeleteModel(name="DeliveryChoice"),
    ]
