"""The sandbox gateway's own ledger: what "the bank" knows, independently of our Payment rows."""

from __future__ import annotations

from django.db import models


class SandboxTransaction(models.Model):
    OUTCOMES = [("succeeded", "Thành công"), ("failed", "Thất bại"), ("cancelled", "Đã hủy")]

    reference = models.CharField("mã giao dịch của đơn vị thu", max_length=32, unique=True)
    transaction_id = models.CharField("mã giao dịch của cổng", max_length=64, unique=True)
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)")
    outcome = models.CharField("kết quả", max_length=16, choices=OUTCOMES)
    decided_at = models.DateTimeField("thời điểm")

    class Meta:
        app_label = "payments"
        verbose_name = "giao dịch cổng thử nghiệm"
        verbose_name_plural = "giao dịch cổng thử nghiệm"

    def __str__(self) -> str:
        return f"{self.transaction_id} {self.outcome}"
