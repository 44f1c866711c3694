"""Django admin for units and agencies. Writes go through ``organisations.services``; visibility is scoped.

It lives in accounts, which registers it (``accounts/admin.py`` imports it): who may edit which agency
is decided by administrator memberships, an accounts rule, and organisations does not depend on accounts.

Scoping (docs/organisations.md): superusers see and edit everything. A staff official with the
``administrator`` role sees and edits the agencies in the subtree of their administrator
memberships, may add agencies under them, and sees units read-only. Nobody deletes an agency
or a unit here: agencies are deactivated (``is_active``), units are versioned.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from motcua.accounts.selectors import administered_agency_ids
from motcua.core.exceptions import DomainError
from motcua.core.text import fold
from motcua.organisations import services
from motcua.organisations.models import (
    AdministrativeUnit,
    AdministrativeUnitAlias,
    Agency,
    AgencyCodeAlias,
)
from motcua.organisations.selectors import descendant_ids


def admin_scope(request: HttpRequest) -> set[int] | None:
    """Agency ids the requesting user administers (``None``: all). Cached on the request."""
    if not hasattr(request, "_motcua_admin_scope"):
        request._motcua_admin_scope = administered_agency_ids(request.user)  # type: ignore[attr-defined]
    return request._motcua_admin_scope  # type: ignore[attr-defined]


def is_scoped_admin(request: HttpRequest) -> bool:
    """A staff user who administers at least one agency (or a superuser)."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    scope = admin_scope(request)
    return scope is None or bool(scope)


def show_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    """Put a service's error next to the fields it names, else at the top of the form."""
    placed = False
    for field, messages in exc.fields.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


# --- Administrative units ---------------------------------------------------------------------


class AdministrativeUnitAliasInline(admin.TabularInline):
    model = AdministrativeUnitAlias
    fields = ("level", "code", "name", "valid_until", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AdministrativeUnitForm(forms.ModelForm):
    class Meta:
        model = AdministrativeUnit
        fields = ["code", "name", "level", "division_type", "parent", "valid_from", "valid_until"]

    def _post_clean(self) -> None:  # runs after the instance is built from the cleaned data
        super()._post_clean()  # type: ignore[misc]
        try:
            services.validate_unit(self.instance)
        except DomainError as exc:
            show_domain_error(self, exc)


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    form = AdministrativeUnitForm
    list_display = ("code", "name", "level", "division_type", "parent", "valid_from")
    list_filter = ("level", "division_type")
    search_fields = ("name_folded", "code")
    search_help_text = "Tìm theo tên (có hoặc không dấu, cả tên cũ trước sáp nhập) hoặc mã."
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    inlines = [AdministrativeUnitAliasInline]
    actions = None
    list_per_page = 50

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        folded = fold(term)
        matches = queryset.filter(
            Q(name_folded__contains=folded) | Q(code=term) | Q(aliases__name_folded__contains=folded)
        )
        return matches.distinct(), True

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_scoped_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_scoped_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: AdministrativeUnit, form: forms.ModelForm, change: bool) -> None:
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}  # type: ignore[attr-defined]
        if change:
            form.instance = services.update_unit(AdministrativeUnit.objects.get(pk=obj.pk), actor=request.user, **data)
        else:
            form.instance = services.create_unit(actor=request.user, **data)
        obj.pk = form.instance.pk


# --- Agencies ---------------------------------------------------------------------------------


class AgencyCodeAliasInline(admin.TabularInline):
    model = AgencyCodeAlias
    fields = ("code", "retired_on")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "mã định danh cũ (giữ lại sau khi cấp mã mới)"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# The fields an agency form edits are the ones the agency services accept.
AGENCY_FIELDS = list(services.EDITABLE_FIELDS)


class AgencyForm(forms.ModelForm):
    new_identifier_code = forms.CharField(
        label="cấp mã định danh mới",
        required=False,
        max_length=35,
        help_text="Để trống nếu không đổi. Mã đang dùng sẽ được giữ làm mã cũ để tra cứu hồ sơ trước đây.",
    )
    reissue_reason = forms.CharField(label="căn cứ cấp mã mới", required=False, max_length=300)

    class Meta:
        model = Agency
        fields = ["identifier_code", *AGENCY_FIELDS]

    scope: set[int] | None = None  # set by AgencyAdmin.get_form

    def clean_parent(self) -> Agency | None:
        parent = self.cleaned_data.get("parent")
        if self.scope is not None and (parent is None or parent.pk not in self.scope):
            raise forms.ValidationError("Chỉ được đặt cơ quan trực thuộc cơ quan, đơn vị mình quản trị.")
        return parent

    def _post_clean(self) -> None:  # runs after the instance is built from the cleaned data
        super()._post_clean()  # type: ignore[misc]
        if self.errors:
            return
        new_code = self.cleaned_data.get("identifier_code") if self.instance.pk is None else None
        new_code = new_code or self.cleaned_data.get("new_identifier_code") or None
        try:
            services.validate_agency(self.instance, new_code=new_code)
        except DomainError as exc:
            show_domain_error(self, exc)
            if "identifier_code" in exc.fields and "new_identifier_code" in self.fields and self.instance.pk:
                self.add_error("new_identifier_code", exc.fields["identifier_code"][0])


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyForm
    list_display = ("tree_name", "identifier_code", "kind", "level", "administrative_unit", "is_active")
    list_filter = ("level", "kind", "is_active")
    search_fields = ("name_folded", "identifier_code")
    search_help_text = "Tìm theo tên (có hoặc không dấu), mã định danh hoặc mã định danh cũ."
    list_select_related = ("parent__parent__parent", "administrative_unit")
    autocomplete_fields = ("administrative_unit",)
    ordering = ("identifier_code",)
    inlines = [AgencyCodeAliasInline]
    actions = None

    @admin.display(description="cơ quan, đơn vị", ordering="identifier_code")
    def tree_name(self, obj: Agency) -> str:
        depth, parent = 0, obj.parent
        while parent is not None and depth < 6:
            depth, parent = depth + 1, parent.parent
        return f"{'— ' * depth}{obj.name}"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        queryset = super().get_queryset(request)
        scope = admin_scope(request)
        return queryset if scope is None else queryset.filter(pk__in=scope)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = queryset.filter(
            Q(name_folded__contains=fold(term))
            | Q(identifier_code__iexact=term)
            | Q(code_aliases__code__iexact=term)
            | Q(short_name__icontains=term)
        )
        return matches.distinct(), True

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        scope = admin_scope(request)
        form.scope = scope  # type: ignore[attr-defined]
        if "parent" in form.base_fields:
            parents = Agency.objects.all() if scope is None else Agency.objects.filter(pk__in=scope)
            if obj is not None:
                parents = parents.exclude(pk__in=descendant_ids([obj.pk]))
            form.base_fields["parent"].queryset = parents  # type: ignore[attr-defined]
            form.base_fields["parent"].required = scope is not None
        return form

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["identifier_code", *AGENCY_FIELDS]
        return ["identifier_code", "new_identifier_code", "reissue_reason", *AGENCY_FIELDS]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        scope = admin_scope(request)
        # The top of an administrator's subtree hangs under an agency they do not manage: it stays put.
        if scope is not None and obj.parent_id not in scope:
            return ["identifier_code", "parent"]
        return ["identifier_code"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_scoped_admin(request)

    def _in_scope(self, request: HttpRequest, obj: Agency | None) -> bool:
        if not is_scoped_admin(request):
            return False
        scope = admin_scope(request)
        return obj is None or scope is None or obj.pk in scope

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_scoped_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: dossiers and memberships refer to agencies

    def save_model(self, request: HttpRequest, obj: Agency, form: forms.ModelForm, change: bool) -> None:
        data = {field: form.cleaned_data[field] for field in AGENCY_FIELDS if field in form.cleaned_data}
        if not change:
            agency = services.create_agency(
                actor=request.user, identifier_code=form.cleaned_data["identifier_code"], **data
            )
        else:
            agency = services.update_agency(Agency.objects.get(pk=obj.pk), actor=request.user, **data)
            new_code = form.cleaned_data.get("new_identifier_code")
            if new_code:
                agency = services.reissue_agency_code(
                    agency, actor=request.user, new_code=new_code, reason=form.cleaned_data.get("reissue_reason", "")
                )
        obj.pk, obj.identifier_code = agency.pk, agency.identifier_code
        form.instance = agency

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        # The only inline (old codes) is read-only: aliases are written by reissue_agency_code.
        return None
