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
    REFUNDED = "refunded", "Đã hoàn tiền"


FINAL_STATES = frozenset(
    {PaymentState.PAID, PaymentState.FAILED, PaymentState.CANCELLED, PaymentState.EXPIRED, PaymentState.REFUNDED}
)


class NoticeVerdict(models.TextChoices):
    """What became of a notice from a gateway (browser return or server-to-server notification)."""

    ACCEPTED = "accepted", "Đã ghi nhận"
    REPEATED = "repeated", "Thông báo lặp lại (không ghi nhận lần hai)"
    REFUSED = "refused", "Bị từ chối"


class DifferenceKind(models.TextChoices):
    """A difference between the gateway's daily statement and the payments recorded here."""

    MISSING_HERE = "missing_here", "Cổng đã thu, hệ thống chưa ghi nhận"
    MISSING_THERE = "missing_there", "Hệ thống ghi nhận, cổng không có"
    AMOUNT_DIFFERS = "amount_differs", "Số tiền khác nhau"
    PAID_TWICE = "paid_twice", "Một khoản phí được thanh toán hai lần"


class Resolution(models.TextChoices):
    REFUND = "refund", "Hoàn tiền cho người nộp qua cổng thanh toán"
    CONFIRM = "confirm", "Ghi nhận giao dịch đã thanh toán theo bảng kê"
    EXPLAINED = "explained", "Đã xác minh, không cần điều chỉnh"
