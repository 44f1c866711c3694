"""Other systems that call the API with a key (the national portal, a provincial data hub, ...)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from motcua.core.models import AuditEvent


class ApiClient(models.Model):
    """A system allowed to call the API. Only the key's hash is stored; the key is shown once."""

    name = models.CharField("tên hệ thống", max_length=200)
    organisation = models.CharField("cơ quan, tổ chức quản lý", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name="tài khoản đại diện",
        help_text="Hệ thống hành động với quyền (vai trò, cơ quan) của tài khoản này, trong giới hạn phạm vi.",
    )
    scopes = models.JSONField("phạm vi truy cập", default=list)
    key_prefix = models.CharField("tiền tố khóa", max_length=16, unique=True)
    key_hash = models.CharField("khóa đã băm", max_length=64)
    expires_at = models.DateTimeField("hết hạn lúc")
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    last_used_at = models.DateTimeField("dùng gần nhất lúc", null=True, blank=True)
    rate_limit_per_minute = models.PositiveIntegerField("số yêu cầu tối đa mỗi phút", default=60)
    created_at = models.DateTimeField("tạo lúc")

    class Meta:
        verbose_name = "hệ thống kết nối API"
        verbose_name_plural = "hệ thống kết nối API"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    def is_usable_at(self, moment: datetime.datetime) -> bool:
        return self.revoked_at is None and moment < self.expires_at

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


class ApiClientEvent(AuditEvent):
    """Audit trail of API clients: created, key rotated, revoked."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="events", verbose_name="hệ thống")

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký hệ thống kết nối"
        verbose_name_plural = "nhật ký hệ thống kết nối"

    def __str__(self) -> str:
        return self.action


class WebhookSubscription(models.Model):
    """A partner system's subscription to dossier events, delivered through the outbox and signed.

    The secret is kept readable (it signs every delivery); after a rotation the previous one also signs
    until ``previous_secret_until``, so the partner can switch without losing a delivery.
    """

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="webhooks", verbose_name="hệ thống nhận"
    )
    url = models.URLField("địa chỉ nhận", max_length=500)
    events = models.JSONField("sự kiện đăng ký", default=list)
    secret = models.CharField("khóa ký", max_length=100)
    previous_secret = models.CharField("khóa ký trước", max_length=100, blank=True)
    previous_secret_until = models.DateTimeField("khóa ký trước dùng đến", null=True, blank=True)
    active = models.BooleanField("đang hoạt động", default=True)
    created_at = models.DateTimeField("tạo lúc")

    class Meta:
        verbose_name = "đăng ký webhook"
        verbose_name_plural = "đăng ký webhook"
        ordering = ["client_id", "pk"]

    def __str__(self) -> str:
        return f"{self.client.name} → {self.url}"

    @property
    def destination(self) -> str:
        return f"webhook:{self.pk}"
