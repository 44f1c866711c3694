"""Administrators register other systems, rotate their keys and revoke them. Thin: every write is a service.

Only superusers (IT administrators of the whole system) see these screens: a key may read dossiers of any
agency its account may see, which is beyond one agency's administrator.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from motcua.core.exceptions import DomainError
from motcua.integrations import admin_webhooks as admin_webhooks  # registers the subscriptions' admin
from motcua.integrations import services
from motcua.integrations.constants import Scope
from motcua.integrations.models import ApiClient, ApiClientEvent

KEY_SHOWN_ONCE = "Khóa của hệ thống “{name}”: {key} (chỉ hiển thị một lần, hãy sao chép và chuyển an toàn cho đơn vị)."


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label="Phạm vi truy cập", choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiClient
        fields = ("name", "organisation", "user", "scopes", "expires_at", "rate_limit_per_minute")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if {"scopes", "expires_at", "rate_limit_per_minute"} <= set(data):
            try:
                services.validate_client_fields(
                    scopes=data["scopes"],
                    expires_at=data["expires_at"],
                    rate_limit_per_minute=data["rate_limit_per_minute"],
                )
            except DomainError as error:
                for field, problems in error.fields.items():
                    self.add_error(field, problems)
        return data


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ("name", "organisation", "key_prefix", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "organisation", "key_prefix")
    readonly_fields = ("key_prefix", "created_at", "revoked_at", "last_used_at")
    raw_id_fields = ("user",)
    actions = ("rotate_keys", "revoke")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and (obj is None or obj.revoked_at is None)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the audit trail refers to the row

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Who the client acts as is fixed at creation: a new client is registered for another account.
        return (*self.readonly_fields, "name", "organisation", "user") if obj else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: ApiClient, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        if change:
            services.update_api_client(
                obj,
                actor=request.user,
                scopes=data["scopes"],
                expires_at=data["expires_at"],
                rate_limit_per_minute=data["rate_limit_per_minute"],
            )
            return
        client, key = services.create_api_client(
            actor=request.user,
            name=data["name"],
            organisation=data["organisation"],
            user=data["user"],
            scopes=data["scopes"],
            expires_at=data["expires_at"],
            rate_limit_per_minute=data["rate_limit_per_minute"],
        )
        obj.pk = client.pk
        messages.warning(request, KEY_SHOWN_ONCE.format(name=client.name, key=key))

    @admin.action(description="Cấp khóa mới (khóa cũ hết hiệu lực ngay)")
    def rotate_keys(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            try:
                key = services.rotate_api_client_key(client, actor=request.user)
            except DomainError as error:
                messages.error(request, f"{client.name}: {error.message}")
                continue
            messages.warning(request, KEY_SHOWN_ONCE.format(name=client.name, key=key))

    @admin.action(description="Thu hồi quyền kết nối")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            services.revoke_api_client(client, actor=request.user, reason="Thu hồi trên trang quản trị")
        messages.success(request, f"Đã thu hồi {queryset.count()} hệ thống.")


@admin.register(ApiClientEvent)
class ApiClientEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "client", "action", "actor")
    list_filter = ("action",)
    readonly_fields = ("occurred_at", "client", "action", "actor", "note", "data")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
