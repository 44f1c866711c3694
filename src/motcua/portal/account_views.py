"""Citizens' accounts: register, sign in and out, password reset, profile."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from motcua.accounts import otp
from motcua.accounts.citizens import register_citizen, save_citizen_profile
from motcua.accounts.models import CodePurpose
from motcua.accounts.selectors import citizen_profile
from motcua.core.exceptions import DomainError
from motcua.portal import oidc
from motcua.portal.account_forms import LoginForm, ProfileForm, RegisterForm
from motcua.portal.identity import normalise_phone
from motcua.portal.throttle import hit_all

LOGIN_URL = reverse_lazy("portal:login")
BACKEND = "motcua.accounts.auth_backends.EmailOrPhoneBackend"


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


PROFILE_FIELDS = ("full_name", "phone", "email", "id_number", "date_of_birth", "address")


def profile_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The citizen's details out of a form's cleaned data (the profile and the first submission step)."""
    return {name: data[name] for name in PROFILE_FIELDS if name in data}


def add_domain_error(form: object, error: DomainError) -> None:
    """Show a domain error on the form: per field when it names fields, on top otherwise."""
    add_error = form.add_error  # type: ignore[attr-defined]
    fields = form.fields  # type: ignore[attr-defined]
    named = {name: msgs for name, msgs in error.fields.items() if name in fields}
    for name, msgs in named.items():
        for message in msgs:
            add_error(name, message)
    if not named:
        add_error(None, error.message)


THROTTLE_WINDOW_SECONDS = 3600
TOO_MANY_REQUESTS = _lazy("Bạn đã gửi yêu cầu này quá nhiều lần trong một giờ. Vui lòng thử lại sau ít phút.")


def _may_register(request: HttpRequest, data: dict[str, Any]) -> bool:
    targets = [str(data.get("email") or "").strip().lower(), _phone_key(str(data.get("phone") or ""))]
    return hit_all(
        request,
        "register",
        targets,
        per_target=settings.REGISTER_PER_ADDRESS,
        per_ip=settings.REGISTER_PER_IP,
        window_seconds=THROTTLE_WINDOW_SECONDS,
    )


def _phone_key(raw: str) -> str:
    try:
        return normalise_phone(raw) if raw.strip() else ""
    except ValidationError:
        return raw.strip()


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:profile")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _may_register(request, data):
            form.add_error(None, TOO_MANY_REQUESTS)
            return render(
                request, "portal/account/register.html", {"form": form, "next": safe_next(request, "")}, status=429
            )
        try:
            user = register_citizen(
                full_name=data["full_name"], email=data["email"], phone=data["phone"], password=data["password1"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("Đăng ký thành công. Vui lòng bổ sung số định danh cá nhân trong hồ sơ."))
            next_url = safe_next(request, str(reverse_lazy("portal:profile")))
            if user.phone and send_verification_code(request):
                return redirect(f"{reverse_lazy('portal:verify_phone')}?{urlencode({'next': next_url})}")
            return redirect(next_url)
    return render(request, "portal/account/register.html", {"form": form, "next": safe_next(request, "")})


def send_verification_code(request: HttpRequest) -> bool:
    """Send a code to the signed-in citizen's phone and say so; False (with the reason shown) if none was sent."""
    user = request.user
    try:
        otp.issue_code(user, CodePurpose.VERIFY_PHONE)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.info(
        request,
        _("Đã gửi mã xác nhận tới số %(phone)s. Mã có hiệu lực %(minutes)s phút.")
        % {"phone": otp.mask(user.phone), "minutes": settings.OTP_TTL_MINUTES},  # type: ignore[union-attr]
    )
    return True


class LoginView(auth_views.LoginView):
    """Sign-in under the one lockout policy (``motcua.accounts.lockout``): axes' backend refuses a locked
    account before the password is checked and its middleware answers with the lockout page."""

    template_name = "portal/account/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("portal:my_dossiers")  # type: ignore[assignment]

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["oidc"] = oidc.provider_if_enabled()
        return context


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("portal:home")  # type: ignore[assignment]


class PasswordResetView(auth_views.PasswordResetView):
    """Reset links by e-mail, throttled per address and per IP so that the site cannot be made to flood a
    mailbox; the typed address counts whether or not an account has it, so nothing is revealed."""

    template_name = "portal/account/password_reset.html"
    email_template_name = "portal/account/password_reset_email.txt"
    subject_template_name = "portal/account/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        allowed = hit_all(
            self.request,
            "password-reset",
            [form.cleaned_data["email"].strip().lower()],
            per_target=settings.PASSWORD_RESET_PER_ADDRESS,
            per_ip=settings.PASSWORD_RESET_PER_IP,
            window_seconds=THROTTLE_WINDOW_SECONDS,
        )
        if not allowed:
            form.add_error(None, TOO_MANY_REQUESTS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "portal/account/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "portal/account/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "portal/account/password_reset_complete.html"


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, initial=citizen_profile(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            save_citizen_profile(request.user, actor=request.user, **profile_fields(form.cleaned_data))  # type: ignore[arg-type]
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin cá nhân."))
            return redirect(safe_next(request, str(reverse_lazy("portal:profile"))))
    return render(request, "portal/account/profile.html", {"form": form, "next": safe_next(request, "")})
