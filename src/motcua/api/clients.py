"""Other systems' access to the API: ``Authorization: Api-Key <key>``, scopes per view, a rate per client.

A key authenticates as its client's account (``request.user``; its memberships decide which dossiers it
sees) with the client itself as ``request.auth``. ``ApiClientScopes`` then narrows what the key may do:
reads need ``<resource>:read``, writes ``<resource>:write`` (rating a dossier needs ``feedback:write``).
Every view that accepts a key must list ``ApiClientScopes`` (the route authorization test checks it).
Officials' own tokens and sessions are unaffected: the scope check applies only when ``request.auth``
is an ``ApiClient``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from motcua.integrations.constants import Scope
from motcua.integrations.models import ApiClient
from motcua.integrations.selectors import KeyRefused, client_for_key
from motcua.integrations.services import note_use

logger = logging.getLogger(__name__)

KEYWORD = "Api-Key"


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiClient] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None  # not ours: the token or session authentication may answer
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed()
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed() from None
        now = timezone.now()
        try:
            client = client_for_key(key, now)
        except KeyRefused as refused:
            # The caller learns only that the key failed; the log says why, for the operator.
            logger.warning("API key refused (%s), prefix %s", refused.reason, key.partition(".")[0][:16])
            raise exceptions.AuthenticationFailed() from None
        note_use(client, now)
        return client.user, client

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


def required_scope(request: Request, view: Any) -> str:
    """The scope a request needs: the view's ``api_scope`` resource (default: its API package) and the verb."""
    # The applicant's satisfaction rating is feedback, not processing: whether the action is a parameter of
    # one route or a route of its own. Only sending it writes: any other method reads like its neighbours.
    rating = getattr(view, "kwargs", {}).get("action") == "rate" or request.path.rstrip("/").endswith("/actions/rate")
    if rating and request.method not in SAFE_METHODS:
        return Scope.FEEDBACK_WRITE.value
    resource = getattr(view, "api_scope", None) or type(view).__module__.split(".")[-2]
    return f"{resource}:{'read' if request.method in SAFE_METHODS else 'write'}"


class ApiClientScopes(BasePermission):
    """A key may do only what its scopes allow; other credentials pass through unchanged."""

    message = "Khóa API không có phạm vi truy cập cần thiết."

    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        return client.allows(required_scope(request, view))


class ApiClientRateThrottle(SimpleRateThrottle):
    """Requests per minute per client, as set on the client; requests without a key are not counted here."""

    scope = "api_client"
    rate = "60/minute"  # replaced per client in allow_request

    def allow_request(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        self.num_requests, self.duration = client.rate_limit_per_minute, 60
        return super().allow_request(request, view)

    def get_rate(self) -> str:
        return self.rate

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        client = request.auth
        return f"throttle_api_client_{client.pk}" if isinstance(client, ApiClient) else None


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "motcua.api.clients.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Khóa của hệ thống kết nối, dạng `Api-Key <khóa>`. Khóa do quản trị hệ thống cấp, có phạm vi "
                "(" + ", ".join(Scope.values) + "), thời hạn và giới hạn số yêu cầu mỗi phút; "
                "quá giới hạn trả về 429."
            ),
        }
