"""Admin for the calendar overrides. Every write goes through ``workdays.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from motcua.workdays import services
from motcua.workdays.models import CalendarEvent, CalendarOverride


class CalendarOverrideForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["date", "kind", "administrative_unit", "name", "reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is None and not self.errors:
            try:
                services.validate_override(
                    day=cleaned["date"],
                    kind=cleaned["kind"],
                    name=cleaned.get("name", ""),
                    administrative_unit=cleaned.get("administrative_unit"),
                )
            except services.InvalidOverride as exc:
                raise ValidationError(exc.fields or exc.message) from exc
        return cleaned


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    form = CalendarOverrideForm
    list_display = ["date", "kind", "name", "administrative_unit", "created_by", "updated_at"]
    list_filter = ["kind", ("date", admin.DateFieldListFilter)]
    search_fields = ["name", "reason"]
    date_hierarchy = "date"
    raw_id_fields = ["administrative_unit"]

    def get_readonly_fields(self, request: HttpRequest, obj: CalendarOverride | None = None) -> list[str]:
        if obj is None:
            return []
        # Date, kind and unit define the override; change them by removing it and adding another.
        return ["date", "kind", "administrative_unit", "created_by", "created_at", "updated_at"]

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        actor = request.user if request.user.is_authenticated else None
        if change:
            services.rename_override(actor=actor, override=obj, name=obj.name, reason=obj.reason)
            return
        created = services.add_override(
            actor=actor,
            day=obj.date,
            kind=obj.kind,
            name=obj.name,
            reason=obj.reason,
            administrative_unit=obj.administrative_unit,
        )
        for field in ("pk", "created_by_id", "created_at", "updated_at"):
            setattr(obj, field, getattr(created, field))
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        services.remove_override(actor=request.user, override=obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        for override in queryset:
            services.remove_override(actor=request.user, override=override)  # type: ignore[arg-type]


@admin.register(CalendarEvent)
class CalendarEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "action", "override_date", "kind", "actor"]
    list_filter = ["action", "kind"]
    readonly_fields = ["occurred_at", "actor", "action", "override_date", "kind", "note", "data"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
