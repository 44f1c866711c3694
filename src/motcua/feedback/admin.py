"""Admin of the configuration (categories, routing rules, coordinating units); writes go through services.

Items themselves are handled in the back office (their workflow); the admin only lists them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from motcua.feedback.models import Category, CoordinatingUnit, FeedbackItem, RoutingRule
from motcua.feedback.services.configuration import remove_setting, save_setting


class ConfigurationAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        save_setting(obj, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        remove_setting(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            remove_setting(obj, actor=request.user)


@admin.register(Category)
class CategoryAdmin(ConfigurationAdmin):
    list_display = ["name", "code", "kind", "answer_days", "allows_anonymous", "default_agency", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    raw_id_fields = ["default_agency"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(ConfigurationAdmin):
    list_display = ["category", "unit", "agency"]
    list_filter = ["category"]
    raw_id_fields = ["unit", "agency"]


@admin.register(CoordinatingUnit)
class CoordinatingUnitAdmin(ConfigurationAdmin):
    raw_id_fields = ["agency"]


@admin.register(FeedbackItem)
class FeedbackItemAdmin(admin.ModelAdmin):
    list_display = ["code", "category", "status", "channel", "handling_agency", "received_at", "due_at"]
    list_filter = ["status", "channel", "category"]
    search_fields = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
