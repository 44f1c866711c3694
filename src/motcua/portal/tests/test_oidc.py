"""OpenID Connect sign-in against a local stub provider (never the real VNeID)."""

import base64
import hashlib
import json
import secrets
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from motcua.accounts.models import Applicant, ExternalIdentity
from motcua.portal import oidc

pytestmark = pytest.mark.django_db
ISSUER = "https://id.stub.example"


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


class StubProvider:
    """Plays the provider's token and userinfo endpoints and checks what the client sends."""

    def __init__(self, claims: dict):
        self.claims = claims
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.id_token_overrides: dict = {}

    def authorize(self, url: str) -> str:
        """What the provider does after the citizen signs in: returns the callback query string."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        assert query["client_id"] == "motcua-portal" and query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(8)
        self.codes[code] = query
        return f"?code={code}&state={query['state']}"

    def post_form(self, url, data, headers, timeout):
        assert url == "https://id.stub.example/token"
        assert headers["Authorization"] == "Basic " + base64.b64encode(b"motcua-portal:s3cret").decode()
        request = self.codes.pop(data["code"])  # a code works once
        verifier_hash = base64.urlsafe_b64encode(hashlib.sha256(data["code_verifier"].encode()).digest()).rstrip(b"=")
        assert verifier_hash.decode() == request["code_challenge"], "PKCE verifier does not match"
        assert data["redirect_uri"] == request["redirect_uri"]
        access = secrets.token_urlsafe(8)
        self.tokens[access] = self.claims
        id_claims = {
            "iss": ISSUER,
            "aud": "motcua-portal",
            "sub": self.claims["sub"],
            "exp": int(time.time()) + 300,
            "nonce": request["nonce"],
        }
        id_claims.update(self.id_token_overrides)
        return {"access_token": access, "id_token": f"{_b64({'alg': 'RS256'})}.{_b64(id_claims)}.sig"}

    def get_json(self, url, headers, timeout):
        assert url == "https://id.stub.example/userinfo"
        return self.tokens[headers["Authorization"].removeprefix("Bearer ")]


@pytest.fixture
def provider(settings, monkeypatch):
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_CLIENT_ID = "motcua-portal"
    settings.OIDC_CLIENT_SECRET = "s3cret"
    settings.OIDC_AUTHORIZATION_ENDPOINT = "https://id.stub.example/authorize"
    settings.OIDC_TOKEN_ENDPOINT = "https://id.stub.example/token"
    settings.OIDC_USERINFO_ENDPOINT = "https://id.stub.example/userinfo"
    stub = StubProvider(
        {"sub": "vneid-001", "name": "Lê Văn Định", "phone_number": "+84987654321", "id_number": "001090000111"}
    )
    monkeypatch.setattr(oidc, "transport", stub)
    return stub


def _sign_in(client, stub):
    start = client.get(reverse("portal:oidc_login"))
    assert start.status_code == 302 and start.url.startswith("https://id.stub.example/authorize?")
    return client.get(reverse("portal:oidc_callback") + stub.authorize(start.url))


def test_login_button_appears_only_when_enabled(client, settings):
    settings.OIDC_ENABLED = False
    assert "định danh điện tử" not in client.get(reverse("portal:login")).content.decode()
    assert client.get(reverse("portal:oidc_login")).status_code == 404
    settings.OIDC_ENABLED = True
    assert "định danh điện tử VNeID" in client.get(reverse("portal:login")).content.decode()


def test_first_sign_in_creates_a_linked_account_with_the_citizen_id(client, provider):
    response = _sign_in(client, provider)
    assert response.status_code == 302 and response.url == reverse("portal:my_dossiers")
    identity = ExternalIdentity.objects.get(issuer=ISSUER, subject="vneid-001")
    assert identity.user.full_name == "Lê Văn Định" and identity.user.phone == "0987654321"
    assert not identity.user.has_usable_password()
    assert Applicant.objects.get(user=identity.user).id_number == "001090000111"
    assert client.get(reverse("portal:profile")).status_code == 200


def test_second_sign_in_reuses_the_account(client, provider):
    _sign_in(client, provider)
    client.logout()
    _sign_in(client, provider)
    assert ExternalIdentity.objects.count() == 1


def test_wrong_state_is_refused(client, provider):
    start = client.get(reverse("portal:oidc_login"))
    query = provider.authorize(start.url).replace("state=", "state=x")
    response = client.get(reverse("portal:oidc_callback") + query, follow=True)
    assert "không hợp lệ" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


@pytest.mark.parametrize(
    "override", [{"nonce": "replayed"}, {"aud": "another-client"}, {"iss": "https://evil.example"}, {"exp": 1}]
)
def test_bad_id_token_is_refused(client, provider, override):
    provider.id_token_overrides = override
    response = _sign_in(client, provider)
    assert response.status_code == 302 and response.url == reverse("portal:login")
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_userinfo_for_another_subject_is_refused(client, provider):
    provider.claims = {**provider.claims}
    original = provider.get_json
    provider.get_json = lambda *a, **k: {**original(*a, **k), "sub": "someone-else"}
    response = _sign_in(client, provider)
    assert response.url == reverse("portal:login")
    assert not ExternalIdentity.objects.exists()


def test_provider_error_is_shown(client, provider):
    client.get(reverse("portal:oidc_login"))
    response = client.get(reverse("portal:oidc_callback") + "?error=access_denied", follow=True)
    assert "hủy hoặc không hoàn tất" in response.content.decode()


def test_callback_without_a_started_flow_is_refused(client, provider):
    response = client.get(reverse("portal:oidc_callback") + "?code=abc&state=def", follow=True)
    assert "hết hạn" in response.content.decode()
