"""Online payments of fees: one row per attempt, its audit trail, and the sandbox gateway's own ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from motcua.core.models import AuditEvent, TimeStampedModel
from motcua.payments.constants import PaymentState
from motcua.payments.gateways.sandbox.models import SandboxTransaction

__all__ = ["Payment", "PaymentEvent", "SandboxTransaction"]


class Payment(TimeStampedModel):
    """One attempt to pay an amount through a gateway. Changed only by ``payments.services``."""

    reference = models.CharField("mã giao dịch", max_length=32, unique=True)
    gateway = models.CharField("cổng thanh toán", max_length=32)
    state = models.CharField(
        "trạng thái", max_length=16, choices=PaymentState.choices, default=PaymentState.PENDING, db_index=True
    )
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)")
    description = models.CharField("nội dung thanh toán", max_length=255)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name="người nộp",
    )
    # What the payment is for: the dossier code when paid for a dossier (a draft has its code too).
    subject = models.CharField("đối tượng thanh toán", max_length=64, blank=True, db_index=True)
    return_url = models.CharField("trang trở về", max_length=500, blank=True)
    gateway_transaction_id = models.CharField("mã giao dịch của cổng", max_length=64, blank=True)
    receipt_number = models.CharField("số biên lai", max_length=32, blank=True)
    paid_at = models.DateTimeField("thời điểm thanh toán", null=True, blank=True)
    closed_at = models.DateTimeField("thời điểm kết thúc", null=True, blank=True)
    gateway_message = models.CharField("thông báo của cổng", max_length=255, blank=True)

    class Meta:
        verbose_name = "giao dịch thanh toán"
        verbose_name_plural = "giao dịch thanh toán"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} – {self.amount_vnd} đ – {self.get_state_display()}"

    @property
    def is_final(self) -> bool:
        return self.state != PaymentState.PENDING


class PaymentEvent(AuditEvent):
    """Audit trail of a payment: started, confirmed, failed, cancelled, duplicate or conflicting callbacks."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="events", verbose_name="giao dịch")

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký thanh toán"
        verbose_name_plural = "nhật ký thanh toán"

    def __str__(self) -> str:
        return self.action
