"""OpenID Connect sign-in for citizens (authorization code flow with PKCE), ready for VNeID.

The provider is configured entirely by settings (issuer, client, endpoints). The ID token comes
straight from the token endpoint over TLS, so, as OpenID Connect Core §3.1.3.7 allows, we check its
claims (iss, aud, exp, nonce) and rely on TLS for its origin instead of verifying the signature.
HTTP goes through :data:`transport`, which the tests replace with a local stub provider.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from motcua.accounts.citizens import sign_in_with_external_identity
from motcua.core.exceptions import DomainError
from motcua.portal.identity import normalise_phone, validate_citizen_id

SESSION_KEY = "oidc_flow"
FLOW_TTL_SECONDS = 600
CLOCK_SKEW_SECONDS = 120


class OidcError(DomainError):
    code = "oidc_error"


@dataclass(frozen=True)
class Provider:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    scopes: str
    timeout: int


def provider_if_enabled() -> Provider | None:
    if not settings.OIDC_ENABLED:
        return None
    return Provider(
        name=settings.OIDC_PROVIDER_NAME,
        issuer=settings.OIDC_ISSUER,
        client_id=settings.OIDC_CLIENT_ID,
        client_secret=settings.OIDC_CLIENT_SECRET,
        authorization_endpoint=settings.OIDC_AUTHORIZATION_ENDPOINT,
        token_endpoint=settings.OIDC_TOKEN_ENDPOINT,
        userinfo_endpoint=settings.OIDC_USERINFO_ENDPOINT,
        scopes=settings.OIDC_SCOPES,
        timeout=settings.OIDC_TIMEOUT_SECONDS,
    )


class Transport(Protocol):
    def post_form(self, url: str, data: dict[str, str], headers: dict[str, str], timeout: int) -> dict[str, Any]: ...

    def get_json(self, url: str, headers: dict[str, str], timeout: int) -> dict[str, Any]: ...


class UrllibTransport:
    def _open(self, request: urllib.request.Request, timeout: int) -> dict[str, Any]:
        if not request.full_url.startswith(("https://", "http://")):
            raise OidcError("Địa chỉ nhà cung cấp định danh không hợp lệ.")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
                body = json.loads(response.read().decode())
        except (OSError, ValueError) as exc:
            raise OidcError("Không kết nối được với hệ thống định danh. Vui lòng thử lại sau.") from exc
        if not isinstance(body, dict):
            raise OidcError("Hệ thống định danh trả về dữ liệu không hợp lệ.")
        return body

    def post_form(self, url: str, data: dict[str, str], headers: dict[str, str], timeout: int) -> dict[str, Any]:
        encoded = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=encoded, headers=headers, method="POST")  # noqa: S310
        return self._open(request, timeout)

    def get_json(self, url: str, headers: dict[str, str], timeout: int) -> dict[str, Any]:
        return self._open(urllib.request.Request(url, headers=headers), timeout)  # noqa: S310


transport: Transport = UrllibTransport()


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def callback_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("portal:oidc_callback"))


def begin(request: HttpRequest, provider: Provider, next_url: str = "") -> str:
    """Remember state, nonce and PKCE verifier in the session; return the provider's sign-in URL."""
    verifier = _b64url(secrets.token_bytes(32))
    flow = {
        "state": secrets.token_urlsafe(24),
        "nonce": secrets.token_urlsafe(24),
        "verifier": verifier,
        "started": int(time.time()),
        "next": next_url,
    }
    request.session[SESSION_KEY] = flow
    query = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": callback_url(request),
        "scope": provider.scopes,
        "state": flow["state"],
        "nonce": flow["nonce"],
        "code_challenge": _b64url(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
    }
    separator = "&" if "?" in provider.authorization_endpoint else "?"
    return f"{provider.authorization_endpoint}{separator}{urllib.parse.urlencode(query)}"


def _decode_jwt_claims(token: str) -> dict[str, Any]:
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError) as exc:
        raise OidcError("Mã xác thực (ID token) không hợp lệ.") from exc
    if not isinstance(claims, dict):
        raise OidcError("Mã xác thực (ID token) không hợp lệ.")
    return claims


def _check_id_token(claims: dict[str, Any], provider: Provider, nonce: str) -> None:
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    now = time.time()
    problems = [
        claims.get("iss") != provider.issuer,
        provider.client_id not in audiences,
        not isinstance(claims.get("exp"), int | float) or claims["exp"] < now - CLOCK_SKEW_SECONDS,
        claims.get("nonce") != nonce,
        not claims.get("sub"),
    ]
    if any(problems):
        raise OidcError("Mã xác thực từ hệ thống định danh không hợp lệ hoặc đã hết hạn.", code="oidc_invalid_token")


def complete(request: HttpRequest, provider: Provider) -> tuple[dict[str, Any], str]:
    """Check the callback, exchange the code, return (userinfo claims, next URL)."""
    flow = request.session.pop(SESSION_KEY, None)
    if request.GET.get("error"):
        raise OidcError("Bạn đã hủy hoặc không hoàn tất đăng nhập qua hệ thống định danh.", code="oidc_denied")
    if not flow or time.time() - flow["started"] > FLOW_TTL_SECONDS:
        raise OidcError("Phiên đăng nhập đã hết hạn. Vui lòng thử lại.", code="oidc_expired")
    if not secrets.compare_digest(request.GET.get("state", ""), flow["state"]) or not request.GET.get("code"):
        raise OidcError("Yêu cầu đăng nhập không hợp lệ.", code="oidc_state")
    basic = base64.b64encode(f"{provider.client_id}:{provider.client_secret}".encode()).decode()
    tokens = transport.post_form(
        provider.token_endpoint,
        {
            "grant_type": "authorization_code",
            "code": request.GET["code"],
            "redirect_uri": callback_url(request),
            "code_verifier": flow["verifier"],
        },
        {"Authorization": f"Basic {basic}", "Accept": "application/json"},
        provider.timeout,
    )
    if not tokens.get("access_token") or not tokens.get("id_token"):
        raise OidcError("Hệ thống định danh không cấp mã truy cập.", code="oidc_token")
    id_claims = _decode_jwt_claims(str(tokens["id_token"]))
    _check_id_token(id_claims, provider, flow["nonce"])
    userinfo = transport.get_json(
        provider.userinfo_endpoint,
        {"Authorization": f"Bearer {tokens['access_token']}", "Accept": "application/json"},
        provider.timeout,
    )
    if userinfo.get("sub") != id_claims["sub"]:
        raise OidcError("Thông tin người dùng không khớp với mã xác thực.", code="oidc_subject")
    return userinfo, str(flow.get("next") or "")


def _clean(value: Any, cleaner: Any) -> str:
    try:
        return str(cleaner(str(value))) if value else ""
    except Exception:  # an unusable claim is simply not copied
        return ""


def user_for_claims(claims: dict[str, Any], provider: Provider) -> Any:
    """The account linked to this identity (created on first sign-in), from the provider's claims."""
    return sign_in_with_external_identity(
        issuer=provider.issuer,
        subject=str(claims["sub"]),
        full_name=str(claims.get("name") or ""),
        phone=_clean(claims.get("phone_number"), normalise_phone),
        # An address the provider has not verified is not trusted as a sign-in identifier.
        email=str(claims.get("email") or "") if claims.get("email_verified", True) else "",
        id_number=_clean(claims.get(settings.OIDC_ID_NUMBER_CLAIM), validate_citizen_id),
    )
