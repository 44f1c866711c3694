"""Electronic certified copies (chứng thực bản sao điện tử từ bản chính, Decree 23/2015 as amended, Decree
45/2020 Art. 10) and the certification register of each unit (sổ chứng thực bản sao từ bản chính).

A commune's People's Committee or a notary-type unit checks the original a citizen presents, scans it and
issues a copy signed by the certifying person and by the unit. Each copy takes the next number of the
unit's register for the year (gap-free: the year's counter row is locked while it is drawn).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from motcua.core.models import AuditEvent
from motcua.organisations.models import Agency
from motcua.signatures.models import SignedDocument


class CertificationYear(models.Model):
    """The last number of a unit's certification register in a year, locked while the next is drawn."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan")
    year = models.PositiveSmallIntegerField("năm")
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        verbose_name = "số chứng thực theo năm"
        verbose_name_plural = "số chứng thực theo năm"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_certification_counter_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.last_number}"


class CertifiedCopy(models.Model):
    """One certification: the citizen, the original presented, the copy issued and its register number."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="certified_copies", verbose_name="cơ quan chứng thực"
    )
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số chứng thực")
    book = models.CharField("quyển số", max_length=30)
    issued_at = models.DateTimeField("thời điểm chứng thực", db_index=True)
    certifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người thực hiện chứng thực"
    )
    certifier_title = models.CharField("chức danh người chứng thực", max_length=100, blank=True)
    # The requester (personal data, Decree 13/2023: the unit's officials and the citizen only).
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certified_copies",
        verbose_name="tài khoản của người yêu cầu",
    )
    citizen_name = models.CharField("họ tên người yêu cầu", max_length=200)
    citizen_id_number = models.CharField("số định danh cá nhân", max_length=12)
    citizen_phone = models.CharField("số điện thoại", max_length=15, blank=True)
    document_name = models.CharField("tên giấy tờ, văn bản", max_length=300)
    document_issuer = models.CharField("cơ quan cấp bản chính", max_length=300, blank=True)
    pages = models.PositiveSmallIntegerField("số trang của bản chính")
    fee_vnd = models.PositiveIntegerField("phí chứng thực (đồng)", default=0)
    signed = models.OneToOneField(
        SignedDocument, on_delete=models.PROTECT, related_name="certified_copy", verbose_name="bản sao đã ký số"
    )
    reuse_count = models.PositiveIntegerField("số lần tái sử dụng trong hồ sơ", default=0)

    class Meta:
        verbose_name = "bản sao chứng thực điện tử"
        verbose_name_plural = "bản sao chứng thực điện tử"
        ordering = ["agency", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"], name="one_certified_copy_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number_text} – {self.document_name}"

    @property
    def number_text(self) -> str:
        return f"Số {self.number:02d}, quyển số {self.book}"


class CertificationEvent(AuditEvent):
    """Audit trail: each copy issued, each reuse in a dossier."""

    chain_stream = "certified_copy"
    certified_copy = models.ForeignKey(CertifiedCopy, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký chứng thực"
        verbose_name_plural = "nhật ký chứng thực"

    def __str__(self) -> str:
        return self.action
