"""Admin screens for catalogue managers. Every write goes through ``catalogue.services``.

Rules of a procedure are never edited in place: "Tạo phiên bản mới" opens the current version as
JSON (the export format), the manager edits it and chooses the effective date, and the service
writes a new version. Import and export of the whole catalogue are admin views too.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from motcua.catalogue import selectors, services
from motcua.catalogue.data import dump_version
from motcua.catalogue.diagram import process_svg
from motcua.catalogue.exchange.document import CatalogueImportError, export_document, export_json, import_document
from motcua.catalogue.exchange.workbook import read_workbook, write_workbook
from motcua.catalogue.models import (
    Procedure,
    ProcedureGroup,
    ProcedureGroupMember,
    ProcedureVersion,
    SearchSynonym,
    Sector,
)
from motcua.core.exceptions import DomainError
from motcua.core.text import fold

MAX_IMPORT_BYTES = 20 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ManagerOnly:
    """Catalogue managers (and superusers) read and change the catalogue; other staff nothing."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return selectors.is_catalogue_manager(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return selectors.is_catalogue_manager(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # creation goes through the service-backed views below

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions are created, never edited in place

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # procedures are archived, never deleted


@admin.register(Sector)
class SectorAdmin(ManagerOnly, admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name_folded"]


class SearchSynonymForm(forms.ModelForm):
    class Meta:
        model = SearchSynonym
        fields = ["term", "expansion", "is_active"]

    def clean_term(self) -> str:
        # Stored folded (what search compares), so "GPXD" and "gpxd" are one row: checked here, not by the database.
        term = " ".join(fold(self.cleaned_data["term"]).split())
        if not term:
            raise forms.ValidationError("Không được để trống.")
        if SearchSynonym.objects.filter(term=term).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Đã có dòng cho “{term}”.")
        return term


@admin.register(SearchSynonym)
class SearchSynonymAdmin(ManagerOnly, admin.ModelAdmin):
    """The abbreviations and everyday wordings search understands; managers add, change and remove them."""

    form = SearchSynonymForm

    list_display = ["term", "expansion", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["term", "expansion"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return selectors.is_catalogue_manager(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return selectors.is_catalogue_manager(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return selectors.is_catalogue_manager(request.user)

    def save_model(self, request: HttpRequest, obj: SearchSynonym, form: Any, change: bool) -> None:
        services.save_synonym(obj, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: SearchSynonym) -> None:
        services.delete_synonym(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for synonym in queryset:
            services.delete_synonym(synonym, actor=request.user)


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    # A version is never edited (a change is a new version): every field shown is read-only.
    readonly_fields = fields = (
        "number",
        "effective_from",
        "effective_until",
        "legal_time_value",
        "legal_time_unit",
        "reduced_time_value",
        "online_level",
        "change_note",
    )
    extra = 0
    can_delete = False
    ordering = ["-number"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ProcedureCreateForm(forms.Form):
    code = forms.CharField(label="Mã thủ tục", max_length=10, help_text="Ví dụ 1.001193")
    name = forms.CharField(label="Tên thủ tục", max_length=500)
    sector = forms.ModelChoiceField(label="Lĩnh vực", queryset=Sector.objects.all())
    version = forms.CharField(
        label="Nội dung phiên bản 1 (JSON)", widget=forms.Textarea(attrs={"rows": 30, "cols": 100})
    )


class VersionForm(forms.Form):
    version = forms.CharField(
        label="Nội dung phiên bản mới (JSON)",
        widget=forms.Textarea(attrs={"rows": 36, "cols": 110}),
        help_text="Sửa thời hạn, phí, thành phần hồ sơ, quy trình… và ngày áp dụng (effective_from).",
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp danh mục (.xlsx hoặc .json)")


def _parse_json(text: str, form: forms.Form) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        form.add_error("version", f"JSON không hợp lệ ở dòng {error.lineno}, cột {error.colno}.")
        return None
    if not isinstance(value, dict):
        form.add_error("version", "Nội dung phải là một đối tượng JSON.")
        return None
    return value


def _show_domain_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(None, error.message)
    for path_, problems in error.fields.items():
        for problem in problems:
            form.add_error(None, f"{path_}: {problem}")


@admin.register(Procedure)
class ProcedureAdmin(ManagerOnly, admin.ModelAdmin):
    list_display = ["code", "name", "sector", "status", "dvcqg_connected", "current_version"]
    list_filter = ["status", "dvcqg_connected", "sector"]
    search_fields = ["code", "name_folded"]
    list_select_related = ["sector"]
    readonly_fields = ("code", "name", "sector", "status", "dvcqg_connected", "process_diagram", "actions_links")
    fields = list(readonly_fields)
    inlines = [VersionInline]
    actions = ["archive_today", "connect_dvcqg", "disconnect_dvcqg"]
    change_list_template = "admin/catalogue/procedure/change_list.html"

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> tuple[Any, bool]:
        from motcua.core.text import fold

        return super().get_search_results(request, queryset, fold(search_term))

    @admin.display(description="Phiên bản đang áp dụng")
    def current_version(self, obj: Procedure) -> str:
        try:
            version = selectors.version_in_force(obj, timezone.localdate())
        except DomainError:
            return "—"
        return f"{version.number} (từ {version.effective_from:%d/%m/%Y})"

    @admin.display(description="Quy trình nội bộ (phiên bản mới nhất)")
    def process_diagram(self, obj: Procedure) -> str:
        version = selectors.latest_version(obj)
        process = selectors.process_for(version, None) if version else None
        if process is None:
            return "—"
        # Safe: every text in the SVG is XML-escaped by catalogue.diagram.
        return mark_safe(process_svg(list(process.steps.all()), title=obj.name))  # noqa: S308

    @admin.display(description="Thao tác")
    def actions_links(self, obj: Procedure) -> str:
        return format_html(
            '<a class="button" href="{}">Tạo phiên bản mới</a>',
            reverse("admin:catalogue_procedure_new_version", args=[obj.pk]),
        )

    @admin.action(description="Bãi bỏ (lưu trữ) từ hôm nay")
    def archive_today(self, request: HttpRequest, queryset: Any) -> None:
        for procedure in queryset:
            services.archive_procedure(procedure, actor=request.user, on=timezone.localdate())
        self.message_user(request, f"Đã lưu trữ {queryset.count()} thủ tục.", messages.SUCCESS)

    @admin.action(description="Kết nối Cổng DVC quốc gia (đồng bộ hồ sơ)")
    def connect_dvcqg(self, request: HttpRequest, queryset: Any) -> None:
        changed = services.connect_to_national_portal(queryset, actor=request.user, connected=True)
        self.message_user(request, f"Đã kết nối {changed} thủ tục với Cổng DVC quốc gia.", messages.SUCCESS)

    @admin.action(description="Ngừng đồng bộ lên Cổng DVC quốc gia")
    def disconnect_dvcqg(self, request: HttpRequest, queryset: Any) -> None:
        changed = services.connect_to_national_portal(queryset, actor=request.user, connected=False)
        self.message_user(request, f"Đã ngừng đồng bộ {changed} thủ tục.", messages.SUCCESS)

    def get_urls(self) -> list[Any]:
        own = [
            path("them/", self.admin_site.admin_view(self.create_view), name="catalogue_procedure_create"),
            path(
                "<int:pk>/phien-ban-moi/",
                self.admin_site.admin_view(self.new_version_view),
                name="catalogue_procedure_new_version",
            ),
            path("nhap/", self.admin_site.admin_view(self.import_view), name="catalogue_procedure_import"),
            path(
                "xuat.xlsx", self.admin_site.admin_view(self.export_xlsx_view), name="catalogue_procedure_export_xlsx"
            ),
            path(
                "xuat.json", self.admin_site.admin_view(self.export_json_view), name="catalogue_procedure_export_json"
            ),
        ]
        return own + super().get_urls()

    def _require_manager(self, request: HttpRequest) -> None:
        if not selectors.is_catalogue_manager(request.user):
            raise PermissionDenied

    def _render(self, request: HttpRequest, title: str, form: forms.Form, **extra: Any) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "opts": self.model._meta,
            **extra,
        }
        return TemplateResponse(request, "admin/catalogue/procedure/form.html", context)

    def create_view(self, request: HttpRequest) -> HttpResponse:
        self._require_manager(request)
        form = ProcedureCreateForm(
            request.POST or None, initial={"version": json.dumps(_TEMPLATE, ensure_ascii=False, indent=2)}
        )
        if request.method == "POST" and form.is_valid():
            raw = _parse_json(form.cleaned_data["version"], form)
            if raw is not None:
                try:
                    procedure = services.create_procedure(
                        actor=request.user,
                        code=form.cleaned_data["code"],
                        name=form.cleaned_data["name"],
                        sector=form.cleaned_data["sector"],
                        version=raw,
                    )
                except DomainError as error:
                    _show_domain_error(form, error)
                else:
                    self.message_user(request, f"Đã thêm thủ tục {procedure.code}.", messages.SUCCESS)
                    return HttpResponseRedirect(reverse("admin:catalogue_procedure_change", args=[procedure.pk]))
        return self._render(request, "Thêm thủ tục hành chính", form)

    def new_version_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        self._require_manager(request)
        procedure = get_object_or_404(Procedure, pk=pk)
        latest = selectors.latest_version(procedure)
        initial = dump_version(latest) if latest else dict(_TEMPLATE)
        initial.update(
            effective_from=(timezone.localdate() + timedelta(days=1)).isoformat(), effective_until=None, change_note=""
        )
        form = VersionForm(request.POST or None, initial={"version": json.dumps(initial, ensure_ascii=False, indent=2)})
        if request.method == "POST" and form.is_valid():
            raw = _parse_json(form.cleaned_data["version"], form)
            if raw is not None:
                try:
                    version = services.change_procedure(procedure, actor=request.user, version=raw)
                except DomainError as error:
                    _show_domain_error(form, error)
                else:
                    self.message_user(request, f"Đã tạo phiên bản {version.number}.", messages.SUCCESS)
                    return HttpResponseRedirect(reverse("admin:catalogue_procedure_change", args=[procedure.pk]))
        return self._render(request, f"Phiên bản mới: {procedure}", form, procedure=procedure)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        self._require_manager(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_IMPORT_BYTES:
                    raise CatalogueImportError(["Tệp lớn quá 20 MB."])
                content = upload.read()
                if upload.name.lower().endswith(".json"):
                    report = import_document(_load_json(content), actor=request.user)
                else:
                    document, locate = read_workbook(content)
                    report = import_document(document, actor=request.user, locate=locate)
            except CatalogueImportError as error:
                problems = error.problems
                messages.error(request, error.message)
            else:
                self.message_user(request, report.summary(), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:catalogue_procedure_changelist"))
        return self._render(request, "Nhập danh mục thủ tục", form, problems=problems, multipart=True)

    def export_xlsx_view(self, request: HttpRequest) -> HttpResponse:
        self._require_manager(request)
        response = HttpResponse(write_workbook(export_document()), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="danh-muc-tthc-{timezone.localdate():%Y%m%d}.xlsx"'
        return response

    def export_json_view(self, request: HttpRequest) -> HttpResponse:
        self._require_manager(request)
        response = HttpResponse(export_json(), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="danh-muc-tthc-{timezone.localdate():%Y%m%d}.json"'
        return response


def _load_json(content: bytes) -> Any:
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogueImportError([f"Tệp JSON không đọc được: {error}."]) from None


_TEMPLATE: dict[str, Any] = {
    "effective_from": "",
    "legal_time_value": "3",
    "legal_time_unit": "working_days",
    "reduced_time_value": None,
    "reduced_time_unit": "",
    "levels": ["commune"],
    "applicant_types": ["citizen"],
    "online_level": "partial",
    "channels": ["counter", "online", "postal"],
    "resolved_at_centre": False,
    "requires_financial_obligation_pause": False,
    "result_name": "",
    "result_kind": "other",
    "result_electronic_allowed": False,
    "legal_basis": "",
    "submission_place": "",
    "publication_decision_number": "",
    "publication_decision_date": None,
    "competent_agencies": [],
    "change_note": "",
    "fees": [
        {
            "name": "Lệ phí",
            "amount_vnd": 0,
            "channels": [],
            "online_reduction_percent": 0,
            "payer": "",
            "exemptions": "",
            "note": "",
        }
    ],
    "components": [
        {
            "name": "Tờ khai theo mẫu",
            "copies": 1,
            "kind": "original",
            "requirement": "always",
            "condition": "",
            "reusable_from_data_store": False,
            "note": "",
        }
    ],
    "processes": [
        {
            "implementing_agency": None,
            "steps": [
                {
                    "name": "Tiếp nhận hồ sơ",
                    "actor_kind": "one_stop_unit",
                    "role": "one_stop_officer",
                    "duration_value": "4",
                    "duration_unit": "working_hours",
                    "allowed_actions": ["forward", "request_supplement", "refuse"],
                },
                {
                    "name": "Thẩm định",
                    "actor_kind": "division",
                    "role": "specialist",
                    "duration_value": "12",
                    "duration_unit": "working_hours",
                    "allowed_actions": ["forward", "return", "consult"],
                },
                {
                    "name": "Ký duyệt",
                    "actor_kind": "leader",
                    "role": "leader",
                    "duration_value": "4",
                    "duration_unit": "working_hours",
                    "allowed_actions": ["approve", "return", "refuse"],
                },
                {
                    "name": "Trả kết quả",
                    "actor_kind": "one_stop_unit",
                    "role": "one_stop_officer",
                    "duration_value": "0",
                    "duration_unit": "working_hours",
                    "allowed_actions": ["return_result"],
                },
            ],
        }
    ],
}


class GroupMemberInline(admin.TabularInline):
    model = ProcedureGroupMember
    fields = ["order", "procedure", "note"]
    readonly_fields = ("order", "procedure", "note")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProcedureGroup)
class ProcedureGroupAdmin(ManagerOnly, admin.ModelAdmin):
    """Groups are read here; they are created and changed through the catalogue import."""

    list_display = ["code", "name", "is_active"]
    search_fields = ["code", "name_folded"]
    fields = ["code", "name", "description", "legal_basis", "is_active"]
    readonly_fields = ("code", "name", "description", "legal_basis", "is_active")
    inlines = [GroupMemberInline]
