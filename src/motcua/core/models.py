"""Abstract building blocks shared by the domain apps. No business rules live here."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from motcua.core.text import fold, normalise


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm cập nhật", auto_now=True)

    class Meta:
        abstract = True


class FoldedNameModel(models.Model):
    """A model whose name is stored normalised (NFC, single spaces) beside its folded copy for search.

    Subclasses declare the ``name_folded`` column; ``folded_source`` names the field it is folded from.
    """

    folded_source = "name"

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        name = normalise(getattr(self, self.folded_source))
        setattr(self, self.folded_source, name)
        self.name_folded = fold(name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class AuditEvent(models.Model):
    """Append-only audit record. Concrete subclasses add a foreign key to their aggregate.

    Rows are written by service functions only and are never updated or deleted:
    ``save`` refuses updates and ``delete`` refuses outright.
    """

    occurred_at = models.DateTimeField("thời điểm", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    action = models.CharField("hành động", max_length=64)
    note = models.TextField("ghi chú", blank=True)
    data = models.JSONField("dữ liệu", default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["occurred_at", "pk"]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")
