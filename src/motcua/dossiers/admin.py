"""Admin for assignment rules. Every write goes through ``dossiers.services.rules`` (audited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from motcua.accounts.selectors import administered_agency_ids
from motcua.core.exceptions import DomainError
from motcua.dossiers.models import AssignmentRule
from motcua.dossiers.services import rules


class AssignmentRuleForm(forms.ModelForm):
    actor: Any = None

    class Meta:
        model = AssignmentRule
        fields = ["agency", "role", "procedure", "strategy", "official", "is_active"]
        widgets = {"role": forms.Select(choices=[(r.value, r.label) for r in rules.STEP_ROLES])}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        agency = cleaned.get("agency") or getattr(self.instance, "agency", None)
        if not self.errors and agency is not None:
            try:
                rules.check_rule(
                    agency,
                    cleaned.get("role") or self.instance.role,
                    cleaned.get("strategy", ""),
                    cleaned.get("official"),
                    actor=self.actor,
                )
            except DomainError as exc:
                raise ValidationError(exc.fields or exc.message) from exc
        return cleaned


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(admin.ModelAdmin):
    form = AssignmentRuleForm
    list_display = ["agency", "role", "procedure", "strategy", "official", "is_active", "updated_at"]
    list_filter = ["strategy", "is_active", "role"]
    raw_id_fields = ["agency", "procedure", "official"]

    def _agencies(self, request: HttpRequest) -> set[int] | None:
        return administered_agency_ids(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        ids = self._agencies(request)
        return ids is None or bool(ids)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switched off, never deleted: the history refers to it

    def get_queryset(self, request: HttpRequest) -> QuerySet[AssignmentRule]:
        ids = self._agencies(request)
        qs = super().get_queryset(request).select_related("agency", "procedure", "official")
        return qs if ids is None else qs.filter(agency_id__in=ids)

    def get_readonly_fields(self, request: HttpRequest, obj: AssignmentRule | None = None) -> list[str]:
        return ["agency", "role"] if obj is not None else []

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = request.user  # type: ignore[attr-defined]
        return form

    def save_model(self, request: HttpRequest, obj: AssignmentRule, form: Any, change: bool) -> None:
        actor: Any = request.user
        try:
            if change:
                rules.update_rule(
                    obj,
                    actor=actor,
                    strategy=obj.strategy,
                    official=obj.official,
                    procedure=obj.procedure,
                    is_active=obj.is_active,
                )
                return
            saved = rules.create_rule(
                actor=actor,
                agency=obj.agency,
                role=obj.role,
                strategy=obj.strategy,
                procedure=obj.procedure,
                official=obj.official,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = saved.pk
