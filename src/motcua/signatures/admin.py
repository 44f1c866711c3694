"""What the IT administrators see of signing: the keys (read-only rows; a key is registered through the form
"Đăng ký khóa ký số", which calls the service), their audit trail, and the documents signed. Superusers only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.signatures import registration, services
from motcua.signatures.admin_forms import RegisterKeyForm
from motcua.signatures.models import SignedDocument, SigningEvent, SigningKey


class ReadOnlyForSuperusers(admin.ModelAdmin):
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


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyForSuperusers):
    list_display = ["label", "agency", "user", "kind", "certificate_not_after", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["label", "certificate_subject"]
    # The passphrase or PIN is never here: only the name of the variable that holds it.
    readonly_fields = [f.name for f in SigningKey._meta.fields]
    change_list_template = "admin/signatures/signingkey/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        register = path(
            "dang-ky/", self.admin_site.admin_view(self.register_view), name="signatures_signingkey_register"
        )
        return [register, *super().get_urls()]

    def register_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a PKCS#12 with its passphrase, or name a PKCS#11 token's slot; errors go on the form."""
        if not self.has_module_permission(request):
            return TemplateResponse(request, "admin/signatures/signingkey/register.html", {"denied": True}, status=403)
        form = RegisterKeyForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                key = _register(form.cleaned_data, actor=request.user)
            except DomainError as error:
                _place(form, error)
            else:
                messages.success(request, f"Đã đăng ký khóa “{key.label}” ({key.certificate_subject}).")
                return redirect("admin:signatures_signingkey_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Đăng ký khóa ký số",
            "opts": self.opts,
        }
        return TemplateResponse(
            request, "admin/signatures/signingkey/register.html", context, status=400 if form.errors else 200
        )


@admin.register(SigningEvent)
class SigningEventAdmin(ReadOnlyForSuperusers):
    list_display = ["occurred_at", "key", "action", "actor"]
    list_filter = ["action"]


@admin.register(SignedDocument)
class SignedDocumentAdmin(ReadOnlyForSuperusers):
    list_display = ["signed_at", "name", "agency", "purpose", "reference"]
    list_filter = ["purpose"]
    search_fields = ["reference", "name", "sha256"]
    exclude = ["file"]  # the document may hold personal data; the verification page shows its signatures


def _register(data: dict[str, Any], *, actor: Any) -> SigningKey:
    holder = {"agency": data.get("agency"), "user": data.get("user")}
    now = timezone.now()
    if data["kind"] == "pkcs12":
        return registration.register_pkcs12(
            data["file"].read(),
            data["passphrase"],
            label=data["label"],
            secret_variable=data.get("secret_variable", ""),
            actor=actor,
            now=now,
            **holder,
        )
    spec = services.KeySpec(
        kind="pkcs11",
        label=data["label"],
        secret_variable=data["secret_variable"],
        pkcs11_module=data["pkcs11_module"],
        token_label=data["token_label"],
        key_label=data["key_label"],
    )
    return services.register_key(spec, actor=actor, now=now, **holder)


def _place(form: RegisterKeyForm, error: DomainError) -> None:
    placed = False
    for name, errors in error.fields.items():
        if name in form.fields:
            for message in errors or [error.message]:
                form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)
