"""Admin: an official's second factor at a glance, and its reset (lost phone) by an administrator.

The reset is a confirmation page and a POST; it goes through ``twofactor.reset``, which records an
``AccountEvent`` naming the administrator. The device tables of django-otp are not listed in the
admin: they hold the secrets, and the reset is the only change an administrator needs.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts import twofactor
from motcua.accounts.models import User

for _model in (TOTPDevice, StaticDevice):
    with contextlib.suppress(NotRegistered):
        admin.site.unregister(_model)


class TwoFactorResetMixin:
    """Mixed into ``UserAdmin``: a read-only status field and the reset page."""

    admin_site: admin.AdminSite
    has_change_permission: Any  # UserAdmin's scoped rule

    @admin.display(description="Xác thực hai bước")
    def two_factor_status(self, obj: User) -> str:
        if not obj.pk or twofactor.authenticator(obj) is None:
            return "Chưa thiết lập."
        left = twofactor.recovery_codes_left(obj)
        url = reverse("admin:accounts_user_two_factor_reset", args=[obj.pk])
        return format_html(
            'Đã thiết lập ứng dụng xác thực; còn {} mã khôi phục. <a href="{}">Đặt lại xác thực hai bước</a>',
            left,
            url,
        )

    def two_factor_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.two_factor_reset_view)
        return [path("<int:user_id>/xac-thuc-hai-buoc/dat-lai/", view, name="accounts_user_two_factor_reset")]

    def two_factor_reset_view(self, request: HttpRequest, user_id: int) -> HttpResponse:
        user = get_object_or_404(User, pk=user_id)
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        change_url = reverse("admin:accounts_user_change", args=[user.pk])
        if request.method == "POST":
            twofactor.reset(user, actor=request.user)
            messages.success(
                request, f"Đã đặt lại xác thực hai bước của {user}. Lần đăng nhập tới, người này thiết lập lại."
            )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": "Đặt lại xác thực hai bước",
            "target": user,
            "change_url": change_url,
            "has_device": twofactor.authenticator(user) is not None,
        }
        return TemplateResponse(request, "admin/accounts/user/two_factor_reset.html", context)
