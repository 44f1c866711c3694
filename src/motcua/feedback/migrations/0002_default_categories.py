"""The default categories of feedback (an operator changes them, adds agencies and routing rules in the admin)."""

from django.db import migrations

from motcua.feedback.defaults import DEFAULTS



def create(apps, schema_editor):
    Category = apps.get_model("feedback", "Category")
    for order, (code, name, kind, days, anonymous, keywords) in enumerate(DEFAULTS, start=1):
        Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "answer_days": days, "allows_anonymous": anonymous,
                      "keywords": keywords, "order": order},
        )


def remove(apps, schema_editor):
    apps.get_model("feedback", "Category").objects.filter(code__in=[row[0] for row in DEFAULTS], items__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_feedback_items")]
    operations = [migrations.RunPython(create, remove)]
