"""The portal's own data: links between portal accounts and external identity providers."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
