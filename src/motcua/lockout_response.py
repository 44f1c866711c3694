"""What a locked-out sign-in answers, on every surface: a Vietnamese page for people, the API's JSON
error shape for programs. Axes calls :func:`lockout_response` (``AXES_LOCKOUT_CALLABLE``) when a sign-in
is refused or a failure triggers the lock; the policy itself is in ``motcua.accounts.lockout``.

It lives beside the URL configuration because it serves every delivery app (portal, back office, admin,
API) and none of them may import another.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts import lockout
from motcua.api.errors import error_body

API_PREFIX = "/api/"
STATUS = 429


def locked_message(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    until = lockout.locked_until(request, credentials)
    if until is None:
        return _(
            "Đăng nhập sai quá nhiều lần. Tài khoản này tạm bị khóa đăng nhập từ máy của bạn. Vui lòng thử lại sau."
        )
    return _(
        "Đăng nhập sai quá nhiều lần. Tài khoản này tạm bị khóa đăng nhập từ máy của bạn "
        "đến %(until)s. Vui lòng thử lại sau hoặc liên hệ quản trị hệ thống."
    ) % {"until": f"{timezone.localtime(until):%H:%M}"}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    message = locked_message(request, credentials)
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(error_body("locked_out", message), status=STATUS)
    else:
        response = render(request, "locked_out.html", {"message": message, "back": request.path}, status=STATUS)
    until = lockout.locked_until(request, credentials)
    wait = (until - timezone.now()) if until is not None else lockout.cool_off(request)
    response["Retry-After"] = str(max(int(wait.total_seconds()), 1))
    return response
