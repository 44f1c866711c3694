"""Two-factor sign-in pages: set-up (QR code, secret, first code), verification after the password,
recovery codes. The rules are in ``motcua.accounts.twofactor``; the middleware sends people here."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from motcua.accounts import twofactor
from motcua.backoffice.views.auth import next_url
from motcua.core.exceptions import DomainError
from motcua.documents.qr import qr_data_uri

FAILURES_KEY = "motcua_two_factor_failures"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=32,
        help_text=gettext_lazy("6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục (dạng xxxxx-xxxxx)."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class SetupCodeForm(CodeForm):
    code = forms.CharField(
        label=gettext_lazy("Mã 6 chữ số đang hiển thị trong ứng dụng"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _to_login(request: HttpRequest) -> HttpResponse:
    return redirect(_with_next("backoffice:login", reverse("backoffice:two_factor")))


def _failed(request: HttpRequest, form: forms.Form, error: DomainError) -> HttpResponse | None:
    """Count a wrong code in this session; past the limit, sign the session out.

    A wrong code is also a failed sign-in for Django's ``user_login_failed`` signal, which the sign-in
    lockout (django-axes) counts per account like a wrong password.
    """
    if isinstance(error, twofactor.CodeRejected):
        credentials = {"username": request.user.get_username()}
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        failures = request.session.get(FAILURES_KEY, 0) + 1
        request.session[FAILURES_KEY] = failures
        if failures >= settings.TWO_FACTOR_MAX_ATTEMPTS:
            logout(request)
            messages.error(request, _("Nhập sai mã xác thực quá nhiều lần. Vui lòng đăng nhập lại."))
            return redirect("backoffice:login")
    form.add_error("code", error.message)
    return None


def _verified_now(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    request.session.pop(FAILURES_KEY, None)
    request.session.cycle_key()  # more rights from here on: a new session key, as at sign-in


def _verified(request: HttpRequest) -> bool:
    return bool(request.user.is_verified())  # type: ignore[union-attr]


@sensitive_post_parameters("code")
@never_cache
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the app or a recovery code. Once verified: the status page."""
    user: Any = request.user
    if not user.is_authenticated:
        return _to_login(request)
    if twofactor.authenticator(user) is None:
        return redirect(_with_next("backoffice:two_factor_setup", next_url(request)))
    context = {"next": next_url(request), "codes_left": twofactor.recovery_codes_left(user)}
    if _verified(request):
        return render(request, "backoffice/two_factor_status.html", context)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            device = twofactor.verify(user, form.cleaned_data["code"])
        except DomainError as error:
            status = error.status if isinstance(error, twofactor.TooManyTries) else 400
            signed_out = _failed(request, form, error)
            if signed_out is not None:
                return signed_out
        else:
            _verified_now(request, device)
            left = twofactor.recovery_codes_left(user)
            if device.persistent_id.startswith("otp_static"):
                messages.warning(
                    request,
                    _("Bạn vừa dùng một mã khôi phục; còn %(left)s mã. Hãy tạo bộ mã mới nếu sắp hết.")
                    % {"left": left},
                )
            return redirect(next_url(request))
    return render(request, "backoffice/two_factor_verify.html", {**context, "form": form}, status=status)


@sensitive_post_parameters("code")
@never_cache
def setup_view(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), confirm with a first code, then note the recovery codes."""
    user: Any = request.user
    if not user.is_authenticated:
        return _to_login(request)
    if twofactor.authenticator(user) is not None and not _verified(request):
        # Replacing an authenticator needs the current one: a stolen password alone must not do it.
        return redirect(_with_next("backoffice:two_factor", next_url(request)))
    form = SetupCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = twofactor.confirm_setup(user, form.cleaned_data["code"])
        except DomainError as error:
            status = error.status if isinstance(error, twofactor.TooManyTries) else 400
            signed_out = _failed(request, form, error)
            if signed_out is not None:
                return signed_out
        else:
            _verified_now(request, device)
            return render(request, "backoffice/two_factor_codes.html", {"codes": codes, "next": next_url(request)})
    device = twofactor.start_setup(user)
    context = {
        "form": form,
        "next": next_url(request),
        "qr": qr_data_uri(device.config_url, box_size=5, border=2),
        "secret": twofactor.secret_text(device),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "backoffice/two_factor_setup.html", context, status=status)


@require_POST
@never_cache
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    """A new set of recovery codes, shown once; only in a session verified with the second factor."""
    user: Any = request.user
    if not user.is_authenticated or not _verified(request):
        return redirect("backoffice:two_factor")
    codes = twofactor.regenerate_recovery_codes(user)
    return render(request, "backoffice/two_factor_codes.html", {"codes": codes, "next": next_url(request)})
