"""The dead-letter list and the delivery log: IT administrators list, inspect and replay messages.

Read-only but for the replay action, which goes through ``services.replay``. Only superusers see these
screens: a message carries the personal data of applicants of any agency.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from motcua.core.exceptions import DomainError
from motcua.outbox import services
from motcua.outbox.constants import State
from motcua.outbox.models import Attempt, Message


class SuperuserOnly:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return services.may_manage(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return services.may_manage(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttemptInline(SuperuserOnly, admin.TabularInline):
    model = Attempt
    extra = 0
    fields = ("number", "worker", "started_at", "finished_at", "status_code", "ok", "error")
    readonly_fields = fields


@admin.register(Message)
class MessageAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ("pk", "destination", "kind", "subject", "state", "attempts", "next_attempt_at", "last_error_short")
    list_filter = ("state", "destination", "kind")
    search_fields = ("subject", "idempotency_key", "stream")
    date_hierarchy = "created_at"
    inlines = [AttemptInline]
    actions = ["replay"]
    readonly_fields = (
        "destination",
        "stream",
        "kind",
        "subject",
        "idempotency_key",
        "state",
        "attempts",
        "created_at",
        "next_attempt_at",
        "claimed_until",
        "claimed_by",
        "last_attempt_at",
        "last_status",
        "last_error",
        "response",
        "delivered_at",
        "dead_at",
        "replay_count",
        "replayed_at",
        "replayed_by",
        "payload_pretty",
    )
    exclude = ("payload",)

    @admin.display(description="lỗi gần nhất")
    def last_error_short(self, obj: Message) -> str:
        return obj.last_error[:120]

    @admin.display(description="nội dung")
    def payload_pretty(self, obj: Message) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.payload, ensure_ascii=False, indent=2))

    @admin.action(description="Gửi lại các thông điệp đã dừng gửi")
    def replay(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        replayed = 0
        for message in queryset.filter(state=State.DEAD).order_by("pk"):
            try:
                services.replay(message, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"#{message.pk}: {error.message}", messages.ERROR)
                continue
            replayed += 1
        skipped = queryset.exclude(state=State.DEAD).count()
        self.message_user(request, f"Đã đưa {replayed} thông điệp vào hàng chờ gửi lại.", messages.SUCCESS)
        if skipped:
            self.message_user(request, f"Bỏ qua {skipped} thông điệp không ở tình trạng dừng gửi.", messages.WARNING)
