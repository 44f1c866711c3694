"""Writes on the configuration (categories, routing rules, coordinating units): atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from motcua.feedback.models import ConfigurationEvent


def _snapshot(obj: models.Model) -> dict[str, Any]:
    return {key: str(value) if value is not None else None for key, value in model_to_dict(obj).items()}


@transaction.atomic
def save_setting(obj: models.Model, *, actor: Any) -> models.Model:
    """Create or change a category, routing rule or coordinating unit, recording what it became."""
    created = obj.pk is None
    obj.save()
    ConfigurationEvent.objects.create(
        action=f"{obj._meta.model_name}_{'created' if created else 'changed'}",
        actor=actor,
        occurred_at=timezone.now(),
        data={"pk": obj.pk, "values": _snapshot(obj)},
    )
    return obj


@transaction.atomic
def remove_setting(obj: models.Model, *, actor: Any) -> None:
    ConfigurationEvent.objects.create(
        action=f"{obj._meta.model_name}_removed",
        actor=actor,
        occurred_at=timezone.now(),
        data={"pk": obj.pk, "values": _snapshot(obj)},
    )
    obj.delete()
