"""The portal's own data: the result delivery chosen when submitting online.

(Links to external identity providers moved to ``accounts.ExternalIdentity``.)
"""

from __future__ import annotations

from django.db import models

from motcua.dossiers.constants import ReturnMethod


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
