"""Sign-in through the configured OpenID Connect provider (VNeID)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.portal import oidc
from motcua.portal.account_views import BACKEND


def _provider() -> oidc.Provider:
    provider = oidc.provider_if_enabled()
    if provider is None:
        raise Http404
    return provider


@require_GET
def oidc_login(request: HttpRequest) -> HttpResponse:
    provider = _provider()
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    return redirect(oidc.begin(request, provider, next_url))


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    provider = _provider()
    try:
        claims, next_url = oidc.complete(request, provider)
        user = oidc.user_for_claims(claims, provider)
    except oidc.OidcError as error:
        messages.error(request, error.message)
        return redirect("portal:login")
    login(request, user, backend=BACKEND)
    messages.success(request, _("Đăng nhập thành công qua %(provider)s.") % {"provider": provider.name})
    return redirect(next_url or "portal:my_dossiers")
