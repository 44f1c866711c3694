"""Payments are read-only in the admin: only the gateway and reconciliation change them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.payments.models import GatewayNotice, Payment, PaymentEvent, ReconciliationDifference


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["occurred_at", "actor", "action", "note", "data"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["reference", "subject", "amount_vnd", "state", "gateway", "created_at", "paid_at"]
    list_filter = ["state", "gateway"]
    search_fields = ["reference", "subject", "gateway_transaction_id", "receipt_number"]
    inlines = [PaymentEventInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Payment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the gateways' notices and the reconciliation: read here, resolved in the back office."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(GatewayNotice)
class GatewayNoticeAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "gateway", "channel", "reference", "verdict", "code", "client_ip"]
    list_filter = ["verdict", "gateway", "channel"]
    search_fields = ["reference", "transaction_id"]


@admin.register(ReconciliationDifference)
class ReconciliationDifferenceAdmin(ReadOnlyAdmin):
    list_display = ["day", "gateway", "kind", "reference", "statement_amount_vnd", "recorded_amount_vnd", "resolved_at"]
    list_filter = ["kind", "gateway", "resolution"]
    search_fields = ["reference", "transaction_id"]
