"""The admin of API clients: superusers only; the key is shown once after creation, then only its prefix."""

from __future__ import annotations

import pytest
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.integrations.models import ApiClient, ApiClientEvent
from motcua.integrations.selectors import client_for_key
from motcua.integrations.tests.factories import make_client

pytestmark = pytest.mark.django_db


def test_a_superuser_registers_a_client_and_sees_its_key_once(client):
    admin = UserFactory(superuser=True)
    account = UserFactory()
    client.force_login(admin)
    form = {
        "name": "Cổng dịch vụ công quốc gia",
        "organisation": "Văn phòng Chính phủ",
        "user": account.pk,
        "scopes": ["dossiers:read", "feedback:write"],
        "expires_at_0": "2099-01-01",
        "expires_at_1": "00:00:00",
        "rate_limit_per_minute": 30,
    }
    response = client.post("/admin/integrations/apiclient/add/", form, follow=True)
    assert response.status_code == 200
    created = ApiClient.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    key = next(m for m in shown if created.key_prefix in m).split(": ", 1)[1].split(" ")[0]
    assert client_for_key(key, timezone.now()) == created
    assert created.scopes == ["dossiers:read", "feedback:write"]
    assert ApiClientEvent.objects.filter(client=created, action="api_client_created", actor=admin).exists()
    page = client.get(f"/admin/integrations/apiclient/{created.pk}/change/").content.decode()
    assert key not in page and created.key_prefix in page


def test_an_unknown_scope_or_a_past_expiry_is_a_form_error(client):
    client.force_login(UserFactory(superuser=True))
    form = {"name": "X", "organisation": "Y", "user": UserFactory().pk, "scopes": ["dossiers:read"],
            "expires_at_0": "2000-01-01", "expires_at_1": "00:00:00", "rate_limit_per_minute": 30}  # fmt: skip
    response = client.post("/admin/integrations/apiclient/add/", form)
    assert response.status_code == 200 and not ApiClient.objects.exists()
    assert "Thời điểm hết hạn phải ở tương lai." in response.content.decode()


def test_an_agency_administrator_does_not_see_api_clients(client):
    api_client, _ = make_client(UserFactory())
    administrator = UserFactory(is_staff=True)
    MembershipFactory(user=administrator, role=Role.ADMINISTRATOR)
    client.force_login(administrator)
    assert client.get("/admin/integrations/apiclient/").status_code == 403
    assert client.get(f"/admin/integrations/apiclient/{api_client.pk}/change/").status_code == 403


def test_revoking_from_the_admin_is_audited(client):
    admin = UserFactory(superuser=True)
    api_client, _ = make_client(UserFactory())
    client.force_login(admin)
    data = {"action": "revoke", "_selected_action": [api_client.pk]}
    client.post("/admin/integrations/apiclient/", data, follow=True)
    api_client.refresh_from_db()
    assert api_client.revoked_at is not None
    assert ApiClientEvent.objects.filter(client=api_client, action="api_client_revoked", actor=admin).exists()
