"""Messages to other systems, written in the transaction of the change that causes them.

A delivery worker (``manage.py deliver_outbox``) sends them; the order of messages is kept within a
stream (``destination`` + ``stream``, e.g. one dossier at the national portal), and each carries an
idempotency key the receiver uses to recognise a message sent twice (after a worker was killed
between sending and recording the answer).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from motcua.outbox.constants import State


class Message(models.Model):
    destination = models.CharField("hệ thống nhận", max_length=40)
    stream = models.CharField(
        "luồng", max_length=120, help_text="Thứ tự được giữ trong một luồng (ví dụ: một hồ sơ tại một hệ thống)."
    )
    idempotency_key = models.CharField("khóa chống trùng", max_length=200)
    kind = models.CharField("loại thông điệp", max_length=60)
    subject = models.CharField("đối tượng", max_length=120, blank=True, help_text="Ví dụ: mã hồ sơ.")
    payload = models.JSONField("nội dung")
    state = models.CharField("tình trạng", max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField("số lần gửi", default=0)
    created_at = models.DateTimeField("thời điểm tạo")
    next_attempt_at = models.DateTimeField("gửi lần tới từ")
    # The lease: a worker that claimed the message and died leaves it to another once this passes.
    claimed_until = models.DateTimeField("đang gửi đến", null=True, blank=True)
    claimed_by = models.CharField("tiến trình gửi", max_length=100, blank=True)
    last_attempt_at = models.DateTimeField("lần gửi gần nhất", null=True, blank=True)
    last_status = models.PositiveSmallIntegerField("mã HTTP gần nhất", null=True, blank=True)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    response = models.TextField("phản hồi của hệ thống nhận", blank=True)
    delivered_at = models.DateTimeField("thời điểm được tiếp nhận", null=True, blank=True)
    dead_at = models.DateTimeField("thời điểm dừng gửi", null=True, blank=True)
    replay_count = models.PositiveIntegerField("số lần gửi lại thủ công", default=0)
    replayed_at = models.DateTimeField("lần gửi lại thủ công gần nhất", null=True, blank=True)
    replayed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "thông điệp gửi đi"
        verbose_name_plural = "thông điệp gửi đi"
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["destination", "idempotency_key"], name="outbox_key_unique"),
        ]
        indexes = [
            # The worker's scan: pending messages due now (a small part of the table).
            models.Index(fields=["next_attempt_at", "id"], condition=Q(state="pending"), name="outbox_due"),
            # The order check and the per-stream state: earlier messages of a stream.
            models.Index(fields=["destination", "stream", "id"], name="outbox_stream"),
            models.Index(fields=["state", "destination"], name="outbox_state"),
        ]

    def __str__(self) -> str:
        return f"{self.destination} {self.kind} {self.subject or self.stream} #{self.pk}"


class Attempt(models.Model):
    """One sending of a message and what came back: the delivery log."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField("lần gửi")
    worker = models.CharField("tiến trình gửi", max_length=100)
    started_at = models.DateTimeField("bắt đầu")
    finished_at = models.DateTimeField("kết thúc")
    status_code = models.PositiveSmallIntegerField("mã HTTP", null=True, blank=True)
    ok = models.BooleanField("thành công", default=False)
    error = models.TextField("lỗi", blank=True)

    class Meta:
        verbose_name = "lần gửi"
        verbose_name_plural = "lần gửi"
        ordering = ["message_id", "pk"]

    def __str__(self) -> str:
        return f"#{self.message_id} lần {self.number}"
