"""Log of notifications sent (e-mail, SMS): what reached whom, for support and audits.

A message that could not be sent waits for another attempt (``status`` pending, ``next_attempt_at``)
until ``NOTIFICATION_MAX_ATTEMPTS``; then it is ``failed`` and shown to operators in the admin.
"""

from __future__ import annotations

from django.db import models


class Notification(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "Thư điện tử"
        SMS = "sms", "Tin nhắn SMS"

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ gửi lại"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi không thành công"

    channel = models.CharField("kênh", max_length=8, choices=Channel.choices)
    recipient = models.CharField("người nhận", max_length=255)
    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    topic = models.CharField("chủ đề", max_length=40, blank=True, db_index=True)
    reference = models.CharField("mã tham chiếu (mã hồ sơ)", max_length=64, blank=True, db_index=True)
    sent_at = models.DateTimeField("thời điểm gửi")
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField("số lần đã gửi", default=0)
    last_attempt_at = models.DateTimeField("lần gửi gần nhất", null=True, blank=True)
    next_attempt_at = models.DateTimeField("gửi lại lúc", null=True, blank=True)
    error = models.CharField("lỗi", max_length=500, blank=True)

    class Meta:
        verbose_name = "thông báo đã gửi"
        verbose_name_plural = "thông báo đã gửi"
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk}: {self.subject}"

    @property
    def delivered(self) -> bool:
        return self.status == self.Status.SENT
