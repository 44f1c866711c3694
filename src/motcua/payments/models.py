"""Online payments of fees: one row per attempt, its audit trail, the notices of the gateways, the
reconciliation's differences, and the ledgers of the two local gateways (sandbox, VNPAY simulator).

The local gateways' ledgers are declared here (their packages re-export them) so that this module
imports nothing from ``gateways``: the gateways' code reads and writes these models, not the reverse.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from motcua.core.models import AuditEvent, TimeStampedModel
from motcua.payments.constants import DifferenceKind, NoticeVerdict, PaymentState, Resolution

__all__ = [
    "GatewayNotice",
    "Payment",
    "PaymentEvent",
    "ReconciliationDifference",
    "ReconciliationEvent",
    "SandboxTransaction",
    "SimulatedTransaction",
    "StatementRun",
]


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
    refunded_vnd = models.PositiveBigIntegerField("số tiền đã hoàn (đồng)", default=0)

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


class GatewayNotice(models.Model):
    """Every notice a gateway sent us (browser return, server notification), accepted or refused.

    Kept so that a forged, replayed or mismatched notice leaves a trace for the finance officer.
    """

    gateway = models.CharField("cổng thanh toán", max_length=32)
    channel = models.CharField("kênh", max_length=16)  # return | ipn
    received_at = models.DateTimeField("thời điểm nhận", db_index=True)
    reference = models.CharField("mã giao dịch", max_length=100, blank=True, db_index=True)
    transaction_id = models.CharField("mã giao dịch của cổng", max_length=64, blank=True)
    verdict = models.CharField("kết quả xử lý", max_length=16, choices=NoticeVerdict.choices)
    code = models.CharField("mã lý do", max_length=64, blank=True)
    message = models.CharField("diễn giải", max_length=255, blank=True)
    client_ip = models.CharField("địa chỉ gửi", max_length=64, blank=True)
    params = models.JSONField("nội dung", default=dict, blank=True)

    class Meta:
        verbose_name = "thông báo của cổng thanh toán"
        verbose_name_plural = "thông báo của cổng thanh toán"
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.gateway} {self.channel} {self.reference} {self.verdict}"


class UsedNotice(models.Model):
    """A server notification's id, kept once it was accepted: the same notice sent again is a replay."""

    gateway = models.CharField("cổng thanh toán", max_length=32)
    notice_id = models.CharField("mã thông báo", max_length=64)
    used_at = models.DateTimeField("thời điểm nhận")

    class Meta:
        verbose_name = "mã thông báo đã dùng"
        verbose_name_plural = "mã thông báo đã dùng"
        constraints = [models.UniqueConstraint(fields=["gateway", "notice_id"], name="payments_notice_used_once")]

    def __str__(self) -> str:
        return f"{self.gateway} {self.notice_id}"


class StatementRun(models.Model):
    """One reconciliation of a gateway's daily statement against the payments recorded here."""

    gateway = models.CharField("cổng thanh toán", max_length=32)
    day = models.DateField("ngày đối soát")
    ran_at = models.DateTimeField("thời điểm đối soát")
    statement_lines = models.PositiveIntegerField("số giao dịch trong bảng kê", default=0)
    statement_total_vnd = models.PositiveBigIntegerField("tổng tiền theo bảng kê", default=0)
    recorded_total_vnd = models.PositiveBigIntegerField("tổng tiền hệ thống ghi nhận", default=0)
    refunds_total_vnd = models.PositiveBigIntegerField("tổng tiền hoàn theo bảng kê", default=0)

    class Meta:
        verbose_name = "lượt đối soát"
        verbose_name_plural = "lượt đối soát"
        ordering = ["-day", "gateway"]
        constraints = [models.UniqueConstraint(fields=["gateway", "day"], name="payments_one_run_per_day")]

    def __str__(self) -> str:
        return f"{self.gateway} {self.day}"


class ReconciliationDifference(TimeStampedModel):
    """A difference for an officer to look into and resolve with a recorded reason."""

    gateway = models.CharField("cổng thanh toán", max_length=32)
    day = models.DateField("ngày giao dịch", db_index=True)
    kind = models.CharField("loại chênh lệch", max_length=16, choices=DifferenceKind.choices)
    reference = models.CharField("mã giao dịch", max_length=100)
    transaction_id = models.CharField("mã giao dịch của cổng", max_length=64, blank=True)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="differences", verbose_name="giao dịch"
    )
    statement_amount_vnd = models.PositiveBigIntegerField("số tiền theo cổng", null=True, blank=True)
    recorded_amount_vnd = models.PositiveBigIntegerField("số tiền hệ thống ghi nhận", null=True, blank=True)
    note = models.CharField("mô tả", max_length=255, blank=True)
    resolution = models.CharField("cách xử lý", max_length=16, choices=Resolution.choices, blank=True)
    reason = models.TextField("lý do", blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người xử lý",
    )
    resolved_at = models.DateTimeField("thời điểm xử lý", null=True, blank=True)

    class Meta:
        verbose_name = "chênh lệch đối soát"
        verbose_name_plural = "chênh lệch đối soát"
        ordering = ["resolved_at", "-day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gateway", "kind", "reference"], name="payments_one_difference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ReconciliationEvent(AuditEvent):
    """Audit trail of the differences: found, resolved (with the officer's reason)."""

    difference = models.ForeignKey(
        ReconciliationDifference, on_delete=models.PROTECT, related_name="events", verbose_name="chênh lệch"
    )

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký đối soát"
        verbose_name_plural = "nhật ký đối soát"

    def __str__(self) -> str:
        return self.action


# --- Ledgers of the local gateways: what "the bank" knows, independently of the Payment rows ---------


class SandboxTransaction(models.Model):
    OUTCOMES = [("succeeded", "Thành công"), ("failed", "Thất bại"), ("cancelled", "Đã hủy")]

    reference = models.CharField("mã giao dịch của đơn vị thu", max_length=32, unique=True)
    transaction_id = models.CharField("mã giao dịch của cổng", max_length=64, unique=True)
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)")
    outcome = models.CharField("kết quả", max_length=16, choices=OUTCOMES)
    decided_at = models.DateTimeField("thời điểm")

    class Meta:
        verbose_name = "giao dịch cổng thử nghiệm"
        verbose_name_plural = "giao dịch cổng thử nghiệm"

    def __str__(self) -> str:
        return f"{self.transaction_id} {self.outcome}"


class SimulatedTransaction(models.Model):
    """A payment (type 01) or a refund (02 full, 03 partial) at the simulated VNPAY."""

    tmn_code = models.CharField("mã website", max_length=16)
    txn_ref = models.CharField("mã tham chiếu của đơn vị", max_length=100, db_index=True)
    transaction_no = models.CharField("mã giao dịch VNPAY", max_length=32, unique=True)
    transaction_type = models.CharField("loại giao dịch", max_length=2, default="01")
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)")
    order_info = models.CharField("nội dung", max_length=255, blank=True)
    bank_code = models.CharField("ngân hàng", max_length=20, default="NCB")
    response_code = models.CharField("mã phản hồi", max_length=2)
    transaction_status = models.CharField("tình trạng", max_length=2)
    create_date = models.CharField("thời điểm tạo (đơn vị gửi)", max_length=14)
    pay_date = models.DateTimeField("thời điểm thanh toán")
    ipn_answer = models.CharField("trả lời IPN của đơn vị", max_length=255, blank=True)
    refund_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="refunds", verbose_name="hoàn của"
    )

    class Meta:
        verbose_name = "giao dịch VNPAY mô phỏng"
        verbose_name_plural = "giao dịch VNPAY mô phỏng"
        ordering = ["pay_date", "pk"]

    def __str__(self) -> str:
        return f"{self.transaction_no} {self.txn_ref} {self.transaction_status}"
