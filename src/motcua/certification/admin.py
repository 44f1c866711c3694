"""The certification register in the admin: read-only (copies are issued at the counter, through the service);
the citizen's identity is personal data, so superusers only."""

from __future__ import annotations

from django.contrib import admin

from motcua.certification.models import CertificationEvent, CertifiedCopy
from motcua.signatures.admin import ReadOnlyForSuperusers


@admin.register(CertifiedCopy)
class CertifiedCopyAdmin(ReadOnlyForSuperusers):
    list_display = ["agency", "year", "number", "document_name", "issued_at", "reuse_count"]
    list_filter = ["year"]
    search_fields = ["document_name", "citizen_id_number"]
    readonly_fields = [f.name for f in CertifiedCopy._meta.fields]


@admin.register(CertificationEvent)
class CertificationEventAdmin(ReadOnlyForSuperusers):
    list_display = ["occurred_at", "certified_copy", "action", "actor"]
    list_filter = ["action"]
