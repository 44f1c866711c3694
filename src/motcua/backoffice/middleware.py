"""Officials' sessions: an idle timeout, a maximum lifetime, and the second factor before any page.

At sign-in, the session records who signed in, when, whether they are an
official (a membership, staff or superuser) and whether they must give a second factor
(``accounts.twofactor.is_required``), so later requests cost no query. Citizens' sessions keep
Django's lifetime (``CITIZEN_SESSION_DAYS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts import twofactor
from motcua.accounts.selectors import memberships_for

SESSION_KEY = "motcua_signin"
# Seen-at is written back at most this often, so a burst of requests saves the session once.
SEEN_RESOLUTION_SECONDS = 60
# The stored session outlives the idle timeout by this much, so the next page can still say why it ended.
EXPIRY_GRACE_SECONDS = 10 * 60


def start_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in`` receiver: a new sign-in starts a new record (and a new lifetime)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = _new_record(user)


def _is_official(user: Any) -> bool:
    return bool(user.is_staff or user.is_superuser) or memberships_for(user).exists()


def _new_record(user: Any) -> dict[str, Any]:
    now = timezone.now().timestamp()
    return {
        "uid": user.pk,
        "official": _is_official(user),
        "two_factor": twofactor.is_required(user),
        "started": now,
        "seen": now,
    }


def sign_in_record(request: HttpRequest) -> dict[str, Any]:
    """The session's record, made at sign-in (or now, for a session older than this code)."""
    record = request.session.get(SESSION_KEY)
    if record is None or record.get("uid") != request.user.pk:
        record = request.session[SESSION_KEY] = _new_record(request.user)
    return record


class OfficialSessionMiddleware:
    """Signs an official out after ``OFFICIAL_SESSION_IDLE_MINUTES`` idle or ``OFFICIAL_SESSION_MAX_HOURS``.

    The request then goes on as an anonymous one: each page sends the person to its own sign-in page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            record = sign_in_record(request)
            if record["official"]:
                self._enforce(request, record)
        return self.get_response(request)

    @staticmethod
    def _enforce(request: HttpRequest, record: dict[str, Any]) -> None:
        now = timezone.now().timestamp()
        idle = now - record["seen"] > settings.OFFICIAL_SESSION_IDLE_MINUTES * 60
        expired = now - record["started"] > settings.OFFICIAL_SESSION_MAX_HOURS * 3600
        if idle or expired:
            logout(request)
            messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
            return
        if now - record["seen"] >= SEEN_RESOLUTION_SECONDS:
            record["seen"] = now
            request.session.modified = True
            # The cookie and the stored session die soon after the idle timeout too.
            request.session.set_expiry(settings.OFFICIAL_SESSION_IDLE_MINUTES * 60 + EXPIRY_GRACE_SECONDS)


def _exempt_paths() -> tuple[str, ...]:
    return (
        reverse("backoffice:two_factor"),  # the verification and set-up pages live under it
        reverse("backoffice:logout"),
        reverse("admin:logout"),
        reverse("portal:logout"),
        settings.STATIC_URL,
        "/i18n/",
    )


class TwoFactorMiddleware:
    """Sends a signed-in official who must give a second factor, and has not, to set-up or verification.

    The API answers 403 instead to a session without the second factor; API tokens are untouched.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_verify(request) and not request.path.startswith(_exempt_paths()):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _must_verify(request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(user.is_authenticated and sign_in_record(request)["two_factor"] and not user.is_verified())

    @staticmethod
    def _refuse(request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            message = _("Cần xác thực hai bước trước khi dùng phiên đăng nhập này.")
            return JsonResponse({"code": "two_factor_required", "message": message, "fields": {}}, status=403)
        target = reverse("backoffice:two_factor")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
