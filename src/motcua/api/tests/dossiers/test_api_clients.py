"""Other systems' keys on the API: valid, expired, revoked, out of scope, over their rate (429, JSON)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from motcua.dossiers.constants import Status
from motcua.dossiers.tests.helpers import receive
from motcua.integrations import services
from motcua.integrations.constants import Scope
from motcua.integrations.tests.factories import make_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> Any:
    cache.clear()  # rate counts live in the cache, keyed by the client's id, which tests reuse
    yield
    cache.clear()


def with_key(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return api


def test_a_valid_key_reads_what_its_account_may_see(world):
    dossier = receive(world)
    client, key = make_client(world.officer)
    response = with_key(key).get(f"/api/v1/dossiers/{dossier.code}/")
    assert response.status_code == 200, response.json()
    assert response.json()["code"] == dossier.code
    client.refresh_from_db()
    assert client.last_used_at is not None
    # The account's visibility still applies: a key of another agency's account does not see the dossier.
    _, outsider = make_client(world.stranger)
    assert with_key(outsider).get(f"/api/v1/dossiers/{dossier.code}/").status_code == 404


def test_expired_revoked_and_unknown_keys_get_401_in_the_error_shape(world):
    client, key = make_client(world.officer)
    with time_machine.travel(client.expires_at + datetime.timedelta(seconds=1)):
        response = with_key(key).get("/api/v1/dossiers/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed" and response.json()["message"]
    assert with_key(key + "x").get("/api/v1/dossiers/").status_code == 401
    assert with_key(key).get("/api/v1/dossiers/").status_code == 200
    services.revoke_api_client(client, actor=None)
    assert with_key(key).get("/api/v1/dossiers/").status_code == 401


def test_a_key_does_only_what_its_scopes_allow(world):
    dossier = receive(world)
    _, reader = make_client(world.officer, scopes=[Scope.DOSSIERS_READ])
    payload = {"expected_version": dossier.version, "note": "x"}
    response = with_key(reader).post(f"/api/v1/dossiers/{dossier.code}/actions/stop/", payload, format="json")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    _, catalogue_only = make_client(world.officer, scopes=[Scope.CATALOGUE_READ])
    assert with_key(catalogue_only).get(f"/api/v1/dossiers/{dossier.code}/").status_code == 403
    assert with_key(catalogue_only).get("/api/v1/procedures/").status_code == 200
    # Rating is feedback: dossiers:write is not enough, feedback:write is the scope.
    _, writer = make_client(world.officer, scopes=[Scope.DOSSIERS_READ, Scope.DOSSIERS_WRITE])
    response = with_key(writer).post(f"/api/v1/dossiers/{dossier.code}/actions/rate/", {}, format="json")
    assert response.status_code == 403


def test_a_write_scope_lets_the_account_act(world):
    dossier = receive(world)
    _, writer = make_client(world.officer, scopes=[Scope.DOSSIERS_READ, Scope.DOSSIERS_WRITE])
    payload = {"expected_version": dossier.version, "reason": "Người nộp đề nghị dừng"}
    response = with_key(writer).post(f"/api/v1/dossiers/{dossier.code}/actions/stop/", payload, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == Status.STOPPED


def test_each_client_has_its_own_rate_and_gets_429_in_the_error_shape(world):
    _, slow = make_client(world.officer, rate=3)
    _, other = make_client(world.officer, rate=3)
    statuses = [with_key(slow).get("/api/v1/dossiers/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = with_key(slow).get("/api/v1/dossiers/")
    assert response.json()["code"] == "throttled" and response.json()["message"].startswith("Quá nhiều")
    assert with_key(other).get("/api/v1/dossiers/").status_code == 200


def test_officials_tokens_are_not_scoped_nor_rate_limited_per_client(world):
    token, _ = Token.objects.get_or_create(user=world.officer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert all(api.get("/api/v1/dossiers/").status_code == 200 for _ in range(5))


def test_the_schema_documents_the_key():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    scheme = schema["components"]["securitySchemes"]["apiKey"]
    assert scheme["type"] == "apiKey" and scheme["name"] == "Authorization"
