"""API clients: created with a key shown once and stored hashed; rotated, revoked, expired; all audited."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError
from motcua.integrations import services
from motcua.integrations.models import ApiClientEvent
from motcua.integrations.selectors import KeyRefused, client_for_key
from motcua.integrations.tests.factories import make_client

pytestmark = pytest.mark.django_db


def test_the_key_is_stored_only_as_a_hash_and_finds_its_client():
    admin = UserFactory(superuser=True)
    client, key = make_client(UserFactory())
    assert key.startswith(client.key_prefix + ".")
    assert key not in client.key_hash and len(client.key_hash) == 64
    assert client_for_key(key, timezone.now()) == client
    services.revoke_api_client(client, actor=admin, reason="Ngừng kết nối")
    assert [e.action for e in ApiClientEvent.objects.filter(client=client)] == [
        "api_client_created",
        "api_client_revoked",
    ]


@pytest.mark.parametrize("mangle", [lambda k: k + "x", lambda k: k.split(".")[0], lambda k: "abc.def", lambda k: ""])
def test_a_wrong_key_is_refused(mangle):
    _, key = make_client(UserFactory())
    with pytest.raises(KeyRefused):
        client_for_key(mangle(key), timezone.now())


def test_an_expired_or_revoked_key_is_refused():
    client, key = make_client(UserFactory())
    with pytest.raises(KeyRefused) as refused:
        client_for_key(key, client.expires_at)
    assert refused.value.reason == "expired"
    services.revoke_api_client(client, actor=None)
    with pytest.raises(KeyRefused) as refused:
        client_for_key(key, timezone.now())
    assert refused.value.reason == "revoked"


def test_rotation_replaces_the_key_at_once():
    client, old = make_client(UserFactory())
    new = services.rotate_api_client_key(client, actor=None)
    with pytest.raises(KeyRefused):
        client_for_key(old, timezone.now())
    assert client_for_key(new, timezone.now()).pk == client.pk
    services.revoke_api_client(client, actor=None)
    with pytest.raises(DomainError):
        services.rotate_api_client_key(client, actor=None)


def test_scopes_come_from_the_fixed_list_and_expiry_is_in_the_future():
    with pytest.raises(DomainError) as error:
        make_client(UserFactory(), scopes=["dossiers:delete"])
    assert "scopes" in error.value.fields
    with pytest.raises(DomainError) as error:
        make_client(UserFactory(), expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "expires_at" in error.value.fields


def test_last_use_is_written_at_most_once_a_minute():
    client, _ = make_client(UserFactory())
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        services.note_use(client, timezone.now())
        first = client.last_used_at
        traveller.shift(30)
        services.note_use(client, timezone.now())
        assert client.last_used_at == first
        traveller.shift(31)
        services.note_use(client, timezone.now())
        assert client.last_used_at > first


def test_a_key_stops_with_its_account():
    account = UserFactory()
    _, key = make_client(account)
    account.is_active = False
    account.save(update_fields=["is_active"])
    with pytest.raises(KeyRefused) as refused:
        client_for_key(key, timezone.now())
    assert refused.value.reason == "inactive_user"


def test_changing_scopes_expiry_and_rate_is_audited_and_keeps_the_key():
    admin = UserFactory(superuser=True)
    client, key = make_client(UserFactory())
    later = client.expires_at + datetime.timedelta(days=30)
    services.update_api_client(
        client, actor=admin, scopes=["catalogue:read"], expires_at=later, rate_limit_per_minute=5
    )
    found = client_for_key(key, timezone.now())
    assert found.scopes == ["catalogue:read"] and found.rate_limit_per_minute == 5 and found.expires_at == later
    event = ApiClientEvent.objects.get(client=client, action="api_client_updated")
    assert event.actor == admin and event.data["before"]["scopes"] == ["dossiers:read"]
