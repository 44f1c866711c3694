"""Read-only admin of postal orders and inbound callbacks (changed only by the services and callbacks)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.postal.models import CallbackReceipt, PostalOrder, TrackingEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TrackingInline(admin.TabularInline):
    model = TrackingEvent
    extra = 0
    can_delete = False
    readonly_fields = ("occurred_at", "code", "label", "location", "source", "received_at")
    fields = ("occurred_at", "code", "label", "location", "source", "received_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PostalOrder)
class PostalOrderAdmin(ReadOnly):
    list_display = ["order_number", "kind", "state", "item_code", "operator", "created_at"]
    list_filter = ["kind", "state", "operator"]
    search_fields = ["order_number", "item_code"]
    inlines = [TrackingInline]


@admin.register(CallbackReceipt)
class CallbackReceiptAdmin(ReadOnly):
    list_display = ["received_at", "source", "event_id", "accepted", "reason", "remote_addr"]
    list_filter = ["source", "accepted", "reason"]
    search_fields = ["event_id"]
