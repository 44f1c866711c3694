"""Operators' view of the notification log: what failed, how often it was tried, and a resend action.

The recipient is shown masked and the body not at all: an operator needs to know that a message to
an applicant failed and why, not the applicant's address or what the message said.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from motcua.notifications import services
from motcua.notifications.models import Notification


def masked(recipient: str) -> str:
    """``an@example.vn`` → ``a…@example.vn``; ``0912345678`` → ``091…678``."""
    if "@" in recipient:
        local, _, domain = recipient.partition("@")
        return f"{local[:1]}…@{domain}"
    return f"{recipient[:3]}…{recipient[-3:]}" if len(recipient) > 6 else "…"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "channel", "masked_recipient", "topic", "reference", "status", "attempts", "error")
    list_filter = ("status", "channel", "topic")
    search_fields = ("reference", "topic")
    fields = (
        "channel", "masked_recipient", "subject", "topic", "reference",
        "status", "attempts", "last_attempt_at", "next_attempt_at", "sent_at", "error",
    )  # fmt: skip
    readonly_fields = fields
    actions = ["resend_now"]
    date_hierarchy = "sent_at"

    @admin.display(description="người nhận")
    def masked_recipient(self, obj: Notification) -> str:
        return masked(obj.recipient)

    @admin.action(description="Gửi lại ngay các thông báo đã chọn (chưa gửi được)")
    def resend_now(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        done = services.resend(queryset.exclude(status=Notification.Status.SENT))
        sent = sum(1 for row in done if row.status == Notification.Status.SENT)
        level = messages.SUCCESS if sent == len(done) else messages.WARNING
        self.message_user(request, f"Đã gửi lại {sent}/{len(done)} thông báo.", level)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a log: only the resend action changes it, through the service

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
