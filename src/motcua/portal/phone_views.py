"""One-time codes by SMS on the portal: verifying the account's phone, recovering a password by phone.

The rules (codes, expiry, attempts, resend throttling, audit) live in ``accounts.otp``. These views
add what is per visitor: an IP throttle on asking for recovery codes and the sign-in lockout on
entering them. Recovery answers the same whether or not the phone has an account.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts import lockout, otp
from motcua.core.exceptions import DomainError
from motcua.portal.account_forms import PhoneForm, PhoneResetForm, VerifyPhoneForm
from motcua.portal.account_views import LOGIN_URL, add_domain_error, safe_next, send_verification_code
from motcua.portal.throttle import hit

SESSION_PHONE = "portal:reset-phone"
REQUESTS_PER_10_MINUTES = 5


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def verify_phone(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = safe_next(request, reverse("portal:profile"))
    form = VerifyPhoneForm(request.POST if request.POST.get("action") == "confirm" else None)
    if request.method == "POST" and request.POST.get("action") == "send":
        send_verification_code(request)
        return redirect(f"{reverse('portal:verify_phone')}?{urlencode({'next': next_url})}")
    if request.method == "POST" and form.is_valid():
        try:
            otp.confirm_phone(user, form.cleaned_data["code"])  # type: ignore[arg-type]
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Đã xác minh số điện thoại."))
            return redirect(next_url)
    context = {"form": form, "phone": otp.mask(user.phone), "has_phone": bool(user.phone), "next": next_url}  # type: ignore[union-attr]
    context["verified"] = bool(user.phone_verified_at)  # type: ignore[union-attr]
    return render(request, "portal/account/verify_phone.html", context)


@require_http_methods(["GET", "POST"])
def password_reset_phone(request: HttpRequest) -> HttpResponse:
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not hit(request, "password-reset-phone", limit=REQUESTS_PER_10_MINUTES, window_seconds=600):
            form.add_error(None, _("Bạn đã yêu cầu quá nhiều lần. Vui lòng thử lại sau 10 phút."))
            return render(request, "portal/account/password_reset_phone.html", {"form": form}, status=429)
        phone = form.cleaned_data["phone"]
        otp.request_password_reset(phone)
        request.session[SESSION_PHONE] = phone
        return redirect("portal:password_reset_phone_confirm")
    return render(request, "portal/account/password_reset_phone.html", {"form": form})


def _locked_message(request: HttpRequest, phone: str) -> str:
    # Wrong codes count against the phone's account under the one sign-in lockout policy.
    if not lockout.is_locked(request, phone):
        return ""
    until = lockout.locked_until(request, {"username": phone}) or timezone.now()
    return _("Nhập sai mã quá nhiều lần. Vui lòng thử lại sau %(time)s.") % {
        "time": timezone.localtime(until).strftime("%H:%M")
    }


@require_http_methods(["GET", "POST"])
def password_reset_phone_confirm(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(SESSION_PHONE, "")
    if not phone:
        return redirect("portal:password_reset_phone")
    if request.method == "POST" and request.POST.get("action") == "resend":
        if hit(request, "password-reset-phone", limit=REQUESTS_PER_10_MINUTES, window_seconds=600):
            otp.request_password_reset(phone)
        messages.info(request, _("Nếu số điện thoại đã đăng ký tài khoản, một mã mới đã được gửi."))
        return redirect("portal:password_reset_phone_confirm")
    form = PhoneResetForm(request.POST or None)
    locked = _locked_message(request, phone)
    context = {"form": form, "phone": otp.mask(phone), "minutes": settings.OTP_TTL_MINUTES, "locked": locked}
    if locked and request.method == "POST":
        return render(request, "portal/account/password_reset_phone_confirm.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            otp.reset_password(phone, form.cleaned_data["code"], form.cleaned_data["password1"])
        except otp.CodeRejected as error:
            lockout.register_failure(request, phone)
            add_domain_error(form, error)
        except DomainError as error:  # a weak password: shown on the password field
            form.add_error("password1", error.message)
        else:
            lockout.reset(request, phone)
            del request.session[SESSION_PHONE]
            messages.success(request, _("Đã đặt mật khẩu mới. Vui lòng đăng nhập."))
            return redirect("portal:login")
    return render(request, "portal/account/password_reset_phone_confirm.html", context)
