"""The portal's own data: links between portal accounts and external identity providers."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from motcua.dossiers.constants import ReturnMethod


class ExternalIdentity(models.Model):
    """A citizen's account at an OpenID Connect provider (issuer + subject), linked to a portal account."""

    issuer = models.CharField("nhà cung cấp định danh", max_length=255)
    subject = models.CharField("mã định danh tại nhà cung cấp", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities", verbose_name="tài khoản"
    )
    linked_at = models.DateTimeField("thời điểm liên kết")
    last_login_at = models.DateTimeField("lần đăng nhập gần nhất")

    class Meta:
        verbose_name = "định danh liên kết"
        verbose_name_plural = "định danh liên kết"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="unique_external_identity")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"


class DeliveryChoice(models.Model):
    """How the applicant asked, when submitting online, to receive the result (and where, by post)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="delivery_choice", verbose_name="hồ sơ"
    )
    method = models.CharField("hình thức nhận kết quả", max_length=12, choices=ReturnMethod.choices)
    postal_address = models.CharField("địa chỉ nhận qua bưu chính", max_length=300, blank=True)
    updated_at = models.DateTimeField("cập nhật lần cuối")

    class Meta:
        verbose_name = "hình thức nhận kết quả"
        verbose_name_plural = "hình thức nhận kết quả"

    def __str__(self) -> str:
        return self.get_method_display()
