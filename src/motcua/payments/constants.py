"""Payment states. A payment is one attempt to pay; a failed or cancelled attempt is never reopened,
the applicant starts a new one."""

from __future__ import annotations

from django.db import models


class PaymentState(models.TextChoices):
    PENDING = "pending", "Đang chờ thanh toán"
    PAID = "paid", "Đã thanh toán"
    FAILED = "failed", "Thanh toán không thành công"
    CANCELLED = "cancelled", "Đã hủy giao dịch"
    EXPIRED = "expired", "Hết hạn thanh toán"


FINAL_STATES = frozenset({PaymentState.PAID, PaymentState.FAILED, PaymentState.CANCELLED, PaymentState.EXPIRED})
