"""Django admin for accounts, memberships and applicants (and, from ``admin_organisations``, for units and
agencies). Writes go through ``services``.

Scoping (docs/organisations.md): superusers manage every account. A staff official with the
``administrator`` role sees accounts that hold a membership in their subtree, edits those whose
active memberships all lie in it (never a superuser), and grants or revokes roles only in it.
Removing a membership row revokes it (the row stays, inactive, for the history).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm, UsernameField
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.timezone import localtime

from motcua.accounts import lockout, services
from motcua.accounts.admin_organisations import admin_scope, is_scoped_admin, show_domain_error
from motcua.accounts.admin_twofactor import TwoFactorResetMixin
from motcua.accounts.models import Applicant, Membership, Role, User
from motcua.accounts.personal_data import is_privileged_reader, record_personal_data_view
from motcua.core.exceptions import DomainError
from motcua.core.text import fold
from motcua.organisations.models import Agency

# The password view instantiates its form itself; the acting user reaches the form through this.
_acting_user: ContextVar[Any] = ContextVar("motcua_admin_acting_user", default=None)


def scoped_agencies(request: HttpRequest) -> QuerySet[Agency]:
    scope = admin_scope(request)
    agencies = Agency.objects.filter(is_active=True)
    return agencies if scope is None else agencies.filter(pk__in=scope)


def can_manage_user(request: HttpRequest, user: User) -> bool:
    """Superusers manage anyone; an administrator manages non-superusers wholly inside their subtree."""
    scope = admin_scope(request)
    if scope is None:
        return True
    if user.is_superuser or not scope:
        return False
    agency_ids = set(user.memberships.filter(is_active=True).values_list("agency_id", flat=True))
    if not agency_ids:
        agency_ids = set(user.memberships.values_list("agency_id", flat=True))
    return bool(agency_ids) and agency_ids <= scope


# --- Memberships inline -----------------------------------------------------------------------


class ScopedAdminOnly:
    """Administrators (scoped to their agency subtree) see and edit; nothing is deleted, since
    dossiers and their histories refer to these rows (deactivate or revoke instead)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_scoped_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_scoped_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_scoped_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_scoped_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("agency", "role", "title", "is_active")
    extra = 0
    autocomplete_fields = ()
    verbose_name = "vai trò tại cơ quan"
    verbose_name_plural = "vai trò tại các cơ quan (xóa dòng = thu hồi vai trò)"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        scope = admin_scope(request)
        queryset = super().get_queryset(request).select_related("agency")
        return queryset if scope is None else queryset.filter(agency_id__in=scope)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = scoped_agencies(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_scoped_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_scoped_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_scoped_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_scoped_admin(request)


def save_memberships(request: HttpRequest, user: User, formset: Any) -> None:
    """Apply an inline formset through grant/revoke: a deleted row or a changed agency/role revokes."""
    deleted = set(getattr(formset, "deleted_forms", []))
    # The admin's change message reads these lists (normally filled by formset.save()).
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or not form.cleaned_data:
            continue
        membership = form.instance if form.instance.pk else None
        if form in deleted:
            if membership is not None:
                services.revoke_membership(membership, actor=request.user)
                formset.deleted_objects.append(membership)
            continue
        if not form.has_changed():
            continue
        data = form.cleaned_data
        if membership is not None:
            original = Membership.objects.get(pk=membership.pk)
            moved = (original.agency_id, original.role) != (data["agency"].pk, data["role"])
            if moved or not data["is_active"]:
                services.revoke_membership(original, actor=request.user)
            if not data["is_active"]:
                continue
        granted = services.grant_membership(
            actor=request.user, user=user, agency=data["agency"], role=data["role"], title=data.get("title", "")
        )
        if membership is None:
            formset.new_objects.append(granted)
        else:
            formset.changed_objects.append((granted, form.changed_data))


# --- Users ------------------------------------------------------------------------------------


class OfficialCreationForm(UserCreationForm):
    """New account: identity, password and (for scoped administrators, required) a first role."""

    agency = forms.ModelChoiceField(label="cơ quan", queryset=Agency.objects.none(), required=False)
    role = forms.ChoiceField(label="vai trò", choices=[("", "---------"), *Role.choices], required=False)

    class Meta:
        model = User
        fields = ("username", "full_name", "email", "phone")
        field_classes = {"username": UsernameField}

    scoped = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.scoped and not (data.get("agency") and data.get("role")):
            raise forms.ValidationError("Chọn cơ quan và vai trò cho tài khoản mới.")
        if bool(data.get("agency")) != bool(data.get("role")):
            raise forms.ValidationError("Chọn cả cơ quan và vai trò, hoặc để trống cả hai.")
        try:
            services.validate_user(self.instance)
        except DomainError as exc:
            show_domain_error(self, exc)
        return data


class OfficialChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = ("username", "full_name", "email", "phone", "is_active", "is_staff", "is_superuser")
        field_classes = {"username": UsernameField}

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        try:
            services.validate_user(self.instance)
        except DomainError as exc:
            show_domain_error(self, exc)


class ServicePasswordChangeForm(AdminPasswordChangeForm):
    """Sets (or disables) the password through ``update_user`` so the change is audited."""

    def save(self, commit: bool = True) -> Any:
        if self.cleaned_data["set_usable_password"]:
            password = self.cleaned_data["password1"]
            return services.update_user(self.user, actor=_acting_user.get(), password=password)
        return services.update_user(self.user, actor=_acting_user.get(), disable_password=True)


@admin.register(User)
class UserAdmin(TwoFactorResetMixin, ScopedAdminOnly, DjangoUserAdmin):
    form = OfficialChangeForm
    add_form = OfficialCreationForm
    change_password_form = ServicePasswordChangeForm
    inlines = [MembershipInline]
    list_display = ("username", "full_name", "email", "is_active", "is_staff", "is_superuser")
    list_filter = ("is_active", "is_staff", "is_superuser", "memberships__role")
    search_fields = ("username", "full_name", "email", "phone")
    ordering = ("username",)
    actions = None
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": ("full_name", "email", "phone", "phone_verified_at")}),
        ("Quyền", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Thời điểm", {"fields": ("last_login", "date_joined")}),
        ("Định danh liên kết", {"fields": ("linked_identities",)}),
        ("Xác thực hai bước", {"fields": ("two_factor_status",)}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "email", "phone", "password1", "password2")}),
        ("Vai trò đầu tiên", {"fields": ("agency", "role")}),
    )
    # Only a code sent to the phone verifies it (accounts.otp); a changed phone clears it.
    readonly_fields = ("last_login", "date_joined", "phone_verified_at", "linked_identities", "two_factor_status")

    def get_urls(self) -> list[Any]:
        return self.two_factor_urls() + super().get_urls()

    @admin.display(description="Tài khoản định danh điện tử (OpenID Connect)")
    def linked_identities(self, obj: User) -> str:
        """Which provider accounts sign in as this user (read only: citizens link them by signing in)."""
        rows = obj.external_identities.order_by("issuer", "subject") if obj.pk else []
        lines = [
            f"{row.issuer} · {row.subject} · liên kết {localize(localtime(row.linked_at))}, "
            f"đăng nhập gần nhất {localize(localtime(row.last_login_at))}"
            for row in rows
        ]
        return "\n".join(lines) or "Chưa liên kết."

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        # A new account gets its first role from the add form's agency and role fields.
        return self.inlines if obj is not None else []

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "username"] if obj is not None else []
        return fields

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            form.base_fields["agency"].queryset = scoped_agencies(request)  # type: ignore[attr-defined]
            form.scoped = admin_scope(request) is not None  # type: ignore[attr-defined]
        return form

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        queryset = super().get_queryset(request)
        scope = admin_scope(request)
        if scope is None:
            return queryset
        return queryset.filter(memberships__agency_id__in=scope, is_superuser=False).distinct()

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        folded = fold(term)
        matches = queryset.filter(Q(username__icontains=term) | Q(email__icontains=term) | Q(phone__contains=term))
        ids = [pk for pk, name in queryset.values_list("pk", "full_name") if folded in fold(name)]
        return (matches | queryset.filter(pk__in=ids)).distinct(), True

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_scoped_admin(request) and (obj is None or can_manage_user(request, obj))

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        response = super().changelist_view(request, extra_context)
        # Superusers' list holds citizens' accounts too (names, e-mails): a read of personal data.
        if getattr(response, "status_code", 0) == 200 and is_privileged_reader(request.user):
            record_personal_data_view(
                request.user, what="account_list", reference=request.GET.get("q", "")[:100], channel="admin"
            )
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = User.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        # An account without any role is a citizen's: opening it reads their personal data.
        opened = request.method == "GET" and getattr(response, "status_code", 0) == 200
        if shown is not None and opened and not shown.memberships.exists():
            record_personal_data_view(
                request.user, what="account", reference=shown.username, user=shown, channel="admin"
            )
        return response

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        token = _acting_user.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _acting_user.reset(token)

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            user = services.create_user(
                actor=request.user,
                username=data["username"],
                password=data.get("password1") or None,
                **{f: data[f] for f in ("full_name", "email", "phone") if data.get(f)},
            )
            if data.get("agency") and data.get("role"):
                services.grant_membership(actor=request.user, user=user, agency=data["agency"], role=data["role"])
        else:
            editable = [
                f for f in services.USER_FIELDS if f in data and f not in self.get_readonly_fields(request, obj)
            ]
            user = services.update_user(
                User.objects.get(pk=obj.pk), actor=request.user, **{f: data[f] for f in editable}
            )
        obj.pk = user.pk
        form.instance = user

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        save_memberships(request, form.instance, formset)


# --- Memberships list -------------------------------------------------------------------------


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "agency", "role", "title", "is_active"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipForm
    list_display = ("user", "agency", "role", "title", "is_active")
    list_filter = ("role", "is_active", "agency__level")
    search_fields = ("user__username", "user__full_name", "agency__name_folded", "agency__identifier_code")
    list_select_related = ("user", "agency")
    autocomplete_fields = ("user",)
    actions = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        scope = admin_scope(request)
        queryset = super().get_queryset(request)
        return queryset if scope is None else queryset.filter(agency_id__in=scope)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Moving a role to another person, agency or role is a revoke and a new grant.
        return ("user", "agency", "role") if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = scoped_agencies(request)
        if db_field.name == "user":
            # The same accounts the administrator sees in the account list (never a superuser).
            kwargs["queryset"] = self.admin_site._registry[User].get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_scoped_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        scope = admin_scope(request)
        return is_scoped_admin(request) and (obj is None or scope is None or obj.agency_id in scope)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_scoped_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # untick "đang hiệu lực" to revoke

    def save_model(self, request: HttpRequest, obj: Membership, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        if change and not data["is_active"]:
            membership = services.revoke_membership(Membership.objects.get(pk=obj.pk), actor=request.user)
        else:
            membership = services.grant_membership(
                actor=request.user, user=obj.user, agency=obj.agency, role=obj.role, title=data.get("title", "")
            )
        obj.pk = membership.pk
        form.instance = membership


# --- Applicants -------------------------------------------------------------------------------


class ApplicantForm(forms.ModelForm):
    class Meta:
        model = Applicant
        fields = list(services.APPLICANT_FIELDS)

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        fields = {f: self.cleaned_data.get(f) for f in services.APPLICANT_FIELDS if f != "kind"}
        try:
            services.clean_applicant_fields(self.cleaned_data.get("kind", ""), fields)
        except DomainError as exc:
            show_domain_error(self, exc)


class SuperuserOnlyWithRecordedReads:
    """Applicants' personal data in the admin: superusers only (a support case), each read recorded.

    System administrators manage accounts and agencies; they have no processing rights and do not
    read applicants' data (``accounts.personal_data``).
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_privileged_reader(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_privileged_reader(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_privileged_reader(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_privileged_reader(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Applicant)
class ApplicantAdmin(SuperuserOnlyWithRecordedReads, admin.ModelAdmin):
    form = ApplicantForm
    list_display = ("full_name", "kind", "id_number", "tax_code", "phone", "email")
    list_filter = ("kind",)
    search_fields = ("name_folded", "id_number", "tax_code", "phone")
    search_help_text = "Tìm theo tên (có hoặc không dấu), số định danh, mã số thuế hoặc số điện thoại."
    autocomplete_fields = ("user",)
    actions = None

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        response = super().changelist_view(request, extra_context)
        if getattr(response, "status_code", 200) == 200 and is_privileged_reader(request.user):
            record_personal_data_view(
                request.user, what="applicant_list", reference=request.GET.get("q", "")[:100], channel="admin"
            )
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        applicant = Applicant.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if applicant is not None and request.method == "GET" and getattr(response, "status_code", 0) == 200:
            record_personal_data_view(
                request.user, what="applicant", reference=str(applicant.pk), applicant=applicant, channel="admin"
            )
        return response

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        digits = term.replace(" ", "")
        matches = queryset.filter(
            Q(name_folded__contains=fold(term)) | Q(id_number=digits) | Q(tax_code=digits) | Q(phone=digits)
        )
        return matches, False

    def save_model(self, request: HttpRequest, obj: Applicant, form: forms.ModelForm, change: bool) -> None:
        data: dict[str, Any] = {f: form.cleaned_data.get(f) for f in services.APPLICANT_FIELDS}
        if change:
            applicant = services.update_applicant(Applicant.objects.get(pk=obj.pk), actor=request.user, **data)
        else:
            applicant, _ = services.create_or_update_applicant(actor=request.user, **data)
        obj.pk = applicant.pk
        form.instance = applicant


class StaffSignInForm(AdminAuthenticationForm):
    """The admin's sign-in: a right password of an account that may not use the admin (a citizen's) is
    refused with the same words as a wrong one *and* counted as a failed sign-in, so that a lock coming
    or not does not tell whether the password was right."""

    def confirm_login_allowed(self, user: Any) -> None:
        if not (user.is_active and user.is_staff) and self.request is not None:
            lockout.register_failure(self.request, str(self.cleaned_data.get("username", "")))
        super().confirm_login_allowed(user)


admin.site.login_form = StaffSignInForm
