"""Signing keys of agencies and officials, and the documents the platform signed.

No key material and no secret is stored here: a PKCS#12 key is a file under ``SIGNATURE_KEY_DIR``, a
PKCS#11 key stays on its token, and their passphrase or PIN is read from the environment variable the
key names (``SIGNATURE_PASSPHRASE`` when it names none).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from motcua.core.models import AuditEvent
from motcua.organisations.models import Agency


class KeyKind(models.TextChoices):
    PKCS12 = "pkcs12", "Tệp khóa PKCS#12 trên máy chủ"
    PKCS11 = "pkcs11", "Thiết bị ký PKCS#11 (USB token, HSM)"


class SigningKey(models.Model):
    """The key an agency (its seal, "dấu, chữ ký số của cơ quan") or an official signs with."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="signing_keys", verbose_name="cơ quan"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_keys",
        verbose_name="cán bộ",
    )
    kind = models.CharField("loại khóa", max_length=10, choices=KeyKind.choices)
    label = models.CharField("tên gọi", max_length=200)
    file_name = models.CharField(
        "tệp khóa", max_length=255, blank=True, help_text="Tệp .p12 trong thư mục SIGNATURE_KEY_DIR (khóa PKCS#12)."
    )
    secret_variable = models.CharField(
        "biến môi trường chứa mật khẩu/PIN",
        max_length=100,
        blank=True,
        help_text="Để trống: dùng SIGNATURE_PASSPHRASE. Mật khẩu không bao giờ lưu trong cơ sở dữ liệu.",
    )
    pkcs11_module = models.CharField("thư viện PKCS#11", max_length=255, blank=True)
    token_label = models.CharField("nhãn thiết bị", max_length=100, blank=True)
    key_label = models.CharField("nhãn khóa", max_length=100, blank=True)
    certificate_subject = models.CharField("chủ thể chứng thư", max_length=500, blank=True)
    certificate_not_after = models.DateTimeField("chứng thư hết hạn lúc", null=True, blank=True)
    is_active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField("tạo lúc")

    class Meta:
        verbose_name = "khóa ký số"
        verbose_name_plural = "khóa ký số"
        ordering = ["label", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, user__isnull=True) | Q(agency__isnull=True, user__isnull=False),
                name="signing_key_has_one_holder",
            ),
            models.UniqueConstraint(
                fields=["agency"], condition=Q(is_active=True, agency__isnull=False), name="one_active_key_per_agency"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_active=True, user__isnull=False), name="one_active_key_per_official"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class DocumentPurpose(models.TextChoices):
    RESULT = "result", "Kết quả giải quyết"
    RECEIPT = "receipt", "Biên lai"
    NOTICE = "notice", "Văn bản thông báo"
    FORM = "form", "Biểu mẫu (Mẫu 01–06)"
    CERTIFIED_COPY = "certified_copy", "Bản sao chứng thực điện tử"


class SignedDocument(models.Model):
    """A PDF the platform signed, kept so that its QR code's link shows its signatures to anyone."""

    token = models.CharField("mã tra cứu", max_length=43, unique=True)
    name = models.CharField("tên tệp", max_length=255)
    file = models.FileField("tệp đã ký", upload_to="signed/%Y/%m/")
    size = models.PositiveIntegerField("dung lượng (byte)")
    sha256 = models.CharField("mã băm SHA-256", max_length=64, db_index=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="signed_documents", verbose_name="cơ quan"
    )
    purpose = models.CharField("loại văn bản", max_length=16, choices=DocumentPurpose.choices)
    reference = models.CharField("số, ký hiệu hoặc mã hồ sơ", max_length=100, blank=True, db_index=True)
    signed_at = models.DateTimeField("ký lúc", db_index=True)

    class Meta:
        verbose_name = "văn bản đã ký số"
        verbose_name_plural = "văn bản đã ký số"
        ordering = ["-signed_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class SigningEvent(AuditEvent):
    """Audit trail of the keys: registered, retired, and each signing with them."""

    key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="events", verbose_name="khóa")

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký ký số"
        verbose_name_plural = "nhật ký ký số"

    def __str__(self) -> str:
        return self.action
