"""Log of notifications sent (e-mail, SMS): what reached whom, for support and audits."""

from __future__ import annotations

from django.db import models


class Notification(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "Thư điện tử"
        SMS = "sms", "Tin nhắn SMS"

    channel = models.CharField("kênh", max_length=8, choices=Channel.choices)
    recipient = models.CharField("người nhận", max_length=255)
    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    topic = models.CharField("chủ đề", max_length=40, blank=True, db_index=True)
    reference = models.CharField("mã tham chiếu (mã hồ sơ)", max_length=64, blank=True, db_index=True)
    sent_at = models.DateTimeField("thời điểm gửi")
    delivered = models.BooleanField("đã gửi được", default=False)
    error = models.CharField("lỗi", max_length=500, blank=True)

    class Meta:
        verbose_name = "thông báo đã gửi"
        verbose_name_plural = "thông báo đã gửi"
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}: {self.subject}"
