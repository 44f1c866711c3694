"""What the IT administrators see of signing: the keys (read-only: registered through the service, see
docs/signatures.md), their audit trail, and the documents signed. Superusers only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

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
