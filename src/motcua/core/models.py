"""Abstract building blocks shared by the domain apps. No business rules live here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, router, transaction

from motcua.core import audit
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


class AuditQuerySet(models.QuerySet):
    """Bulk inserts are hash-chained like single ones; updates and deletes are refused here as in the database."""

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        rows = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            audit.chain(rows, self.db)
            return super().bulk_create(rows, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """Append-only, hash-chained audit record. Concrete subclasses add a foreign key to their aggregate.

    Rows are written by service functions only and are never updated or deleted: ``save`` refuses
    updates, ``delete`` refuses outright, and database triggers refuse both whoever asks
    (:mod:`motcua.core.audit`). Each row carries its predecessor's hash and its own; a subclass whose
    history is kept per aggregate names the foreign key in ``chain_stream``, otherwise the table is one chain.
    A column added later must default to empty (None, "", {}) so that earlier rows' hashes stay valid.
    """

    chain_stream: str | None = None

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
    previous_hash = models.CharField("mã băm bản ghi trước", max_length=64, blank=True, default="", editable=False)
    entry_hash = models.CharField("mã băm", max_length=64, blank=True, default="", editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["occurred_at", "pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            audit.chain([self], using)
            super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


def audit_models() -> list[type[AuditEvent]]:
    """Every concrete audit table of the installed apps."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, AuditEvent) and not m._meta.proxy]
