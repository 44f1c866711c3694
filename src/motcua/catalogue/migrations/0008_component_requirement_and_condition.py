"""Components: "bắt buộc" becomes always / only in a stated case / optional, with the case's text.

Existing rows: a component marked not mandatory stays optional unless its wording states a case;
a mandatory one whose note or name states a case ("chỉ khi…", "(khi nộp trực tuyến)") becomes
conditional on that case: these were the components applicants had to upload dummy files for.
"""

from django.db import migrations, models


def classify(apps, schema_editor):
    from motcua.catalogue.requirements import requirement_from_text

    Component = apps.get_model("catalogue", "Component")
    for component in Component.objects.only("pk", "name", "note", "mandatory").iterator():
        requirement, condition = requirement_from_text(component.name, component.note)
        if not component.mandatory and requirement == "always":
            requirement = "optional"
        if requirement != "always":
            Component.objects.filter(pk=component.pk).update(requirement=requirement, condition=condition[:1000])


def back_to_yes_no(apps, schema_editor):
    Component = apps.get_model("catalogue", "Component")
    Component.objects.exclude(requirement="always").update(mandatory=False)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0007_fee_channels_and_online_reduction"),
    ]

    operations = [
        migrations.AddField(
            model_name="component",
            name="condition",
            field=models.CharField(
                blank=True,
                help_text="Với thành phần bắt buộc trong trường hợp nêu rõ: trường hợp đó, như người nộp sẽ đọc.",
                max_length=1000,
                verbose_name="trường hợp phải nộp",
            ),
        ),
        migrations.AddField(
            model_name="component",
            name="requirement",
            field=models.CharField(
                choices=[
                    ("always", "Bắt buộc"),
                    ("conditional", "Bắt buộc trong trường hợp nêu rõ"),
                    ("optional", "Không bắt buộc (nếu có)"),
                ],
                default="always",
                max_length=16,
                verbose_name="yêu cầu nộp",
            ),
        ),
        migrations.RunPython(classify, back_to_yes_no),
        migrations.RemoveField(model_name="component", name="mandatory"),
    ]
