"""Sign-in, sign-out and the switch between the agencies and roles an official acts in."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from motcua.accounts import lockout
from motcua.accounts.models import Role
from motcua.accounts.selectors import memberships_for
from motcua.backoffice import acting as acting_context
from motcua.backoffice.forms import ActAsForm, LoginForm


def next_url(request: HttpRequest) -> str:
    """Where to go after signing in (or giving the second factor): a page of this site, else the inbox."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("backoffice:inbox")


def _may_work_here(user: Any) -> bool:
    """Officials with an active membership, and superusers (who hold every role everywhere)."""
    return bool(user.is_superuser and user.is_active) or memberships_for(user).exists()


def _refused(request: HttpRequest, form: LoginForm, username: str) -> None:
    """The one answer to every failed sign-in, whatever was wrong (user name, password, or no official
    role): the same words and status, so the page never tells whether the password was right."""
    if getattr(request, "axes_locked_out", False):
        return  # the lockout page replaces the response (motcua.lockout_response)
    form.add_error(
        None,
        _("Tên đăng nhập hoặc mật khẩu không đúng. Còn %(left)s lần thử trước khi tạm khóa.")
        % {"left": lockout.remaining_attempts(request, username)},
    )


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET" and _may_work_here(request.user):
        return redirect(next_url(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip()
        # Axes' backend refuses a locked account here, before any password is checked.
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is not None and not _may_work_here(user):
            # A citizen's (or a former official's) right password is a failure like any other: counted,
            # answered with the same message, and never signed in here.
            lockout.register_failure(request, username)
            user = None
        if user is None:
            _refused(request, form, username)
        else:
            login(request, user)
            return redirect(next_url(request))
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(request, "backoffice/login.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Bạn đã đăng xuất."))
    return redirect("backoffice:login")


@require_POST
@acting_context.official_required()
def switch_view(request: HttpRequest) -> HttpResponse:
    try:
        membership_id = int(request.POST.get("membership", ""))
    except ValueError:
        membership_id = 0
    membership = acting_context.choose(request, membership_id)
    if membership is None:
        messages.error(request, _("Vai trò đã chọn không còn hiệu lực với tài khoản của bạn."))
    else:
        messages.success(
            request,
            _("Đang làm việc với vai trò %(role)s tại %(agency)s.")
            % {"role": membership.get_role_display(), "agency": membership.agency.name},
        )
    return HttpResponseRedirect(reverse("backoffice:inbox"))


@never_cache
def act_as_view(request: HttpRequest) -> HttpResponse:
    """Superusers choose the agency and role to act in (they hold every role in every agency)."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('backoffice:login')}?next={reverse('backoffice:act_as')}")
    if not user.is_superuser:
        return redirect("backoffice:inbox")
    form = ActAsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency, role = form.cleaned_data["agency"], form.cleaned_data["role"]
        acting_context.choose_as_superuser(request, agency.pk, role)
        messages.success(
            request,
            _("Đang làm việc với vai trò %(role)s tại %(agency)s.") % {"role": Role(role).label, "agency": agency.name},
        )
        return redirect("backoffice:inbox")
    return render(request, "backoffice/act_as.html", {"form": form})
