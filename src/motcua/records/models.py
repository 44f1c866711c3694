"""Registers of official documents (Decree 30/2020): outgoing (văn bản đi, Art. 15–16) and incoming
(văn bản đến, Art. 20–22). One sequence per register and year, paper and electronic documents alike."""

from __future__ import annotations

from django.db import models

from motcua.core.models import AuditEvent
from motcua.organisations.models import Agency


class Direction(models.TextChoices):
    OUTGOING = "outgoing", "Văn bản đi"
    INCOMING = "incoming", "Văn bản đến"


class Urgency(models.TextChoices):
    NORMAL = "normal", "Thường"
    URGENT = "urgent", "Khẩn"
    VERY_URGENT = "very_urgent", "Thượng khẩn"
    FLASH = "flash", "Hỏa tốc"


class DocumentRegister(models.Model):
    """A register (sổ) of an agency: its outgoing documents, a separate series (legal normative documents,
    secret ones, an advisory body's), or its incoming documents."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="document_registers")
    direction = models.CharField("loại sổ", max_length=10, choices=Direction.choices)
    name = models.CharField("tên sổ", max_length=200)

    class Meta:
        verbose_name = "sổ đăng ký văn bản"
        verbose_name_plural = "sổ đăng ký văn bản"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="one_register_name_per_agency")]

    def __str__(self) -> str:
        return f"{self.name} – {self.agency}"


class RegisterYear(models.Model):
    """The last number given in a register in a year: locked while the next one is drawn, so no gap and
    no duplicate whoever registers at the same moment."""

    register = models.ForeignKey(DocumentRegister, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField("năm")
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["register", "year"], name="one_counter_per_register_year")]

    def __str__(self) -> str:
        return f"{self.register} {self.year}: {self.last_number}"


class RegisteredDocument(models.Model):
    """A document entered in a register: an outgoing one at issue, an incoming one at receipt."""

    register = models.ForeignKey(DocumentRegister, on_delete=models.PROTECT, related_name="documents")
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số đăng ký")
    registered_at = models.DateTimeField("thời điểm đăng ký")
    # The document's own number and notation: ours for an outgoing one, the sender's for an incoming one.
    number_notation = models.CharField("số, ký hiệu", max_length=60)
    document_type = models.CharField("loại văn bản", max_length=60)
    document_date = models.DateField("ngày văn bản")
    summary = models.TextField("trích yếu")
    counterpart = models.CharField("nơi gửi (văn bản đến) hoặc nơi nhận (văn bản đi)", max_length=500)
    signer = models.CharField("người ký", max_length=200, blank=True)
    urgency = models.CharField("độ khẩn", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    pages = models.PositiveSmallIntegerField("số trang", null=True, blank=True)
    electronic = models.BooleanField("văn bản điện tử", default=True)

    class Meta:
        verbose_name = "văn bản đã đăng ký"
        verbose_name_plural = "văn bản đã đăng ký"
        ordering = ["register", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "year", "number"], name="one_document_per_register_number")
        ]

    def __str__(self) -> str:
        return self.number_notation


class RecordEvent(AuditEvent):
    """Audit trail of the registers: each document registered."""

    document = models.ForeignKey(RegisteredDocument, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký sổ văn bản"
        verbose_name_plural = "nhật ký sổ văn bản"

    def __str__(self) -> str:
        return self.action
