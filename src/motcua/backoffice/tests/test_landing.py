"""Every role lands on a page that fits it after signing in: an inbox, or the admin screens it may open."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from motcua.accounts import demo as people
from motcua.accounts.models import Role
from motcua.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from motcua.catalogue.tests.sample import needs_sample
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db
LOGIN = reverse("backoffice:login")
HOME = reverse("backoffice:inbox")
ADMIN_ROLES = (Role.CATALOGUE_MANAGER, Role.ADMINISTRATOR)


def _sign_in(client: Client, username: str, password: str) -> Any:
    response = client.post(LOGIN, {"username": username, "password": password})
    assert response.status_code == 302, username
    return client.get(response["Location"])


@pytest.mark.parametrize("role", Role.values)
def test_every_role_signs_in_and_gets_its_landing_page(client: Client, agency: Any, role: str) -> None:
    MembershipFactory(user=UserFactory(username="canbo", is_staff=True), agency=agency, role=role)
    page = _sign_in(client, "canbo", TEST_PASSWORD)
    if role == Role.CLERK:  # the clerk's work is the document registers
        assert page.status_code == 302 and page["Location"] == reverse("backoffice:documents_incoming")
        page = client.get(page["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert f"{Role(role).label} · {agency.name}" in html
    if role == Role.CLERK:
        assert 'id="incoming-table"' in html and 'id="quick-q"' not in html
    elif role in ADMIN_ROLES:
        assert "Vai trò này không xử lý hồ sơ" in html
        assert 'id="quick-q"' not in html  # no dossier search for a role that sees no dossier
    else:
        assert 'id="quick-q"' in html and "Tất cả" in html


def test_catalogue_manager_is_offered_the_catalogue_and_administrator_the_accounts(client: Client, agency: Any) -> None:
    MembershipFactory(user=UserFactory(username="quanly", is_staff=True), agency=agency, role=Role.CATALOGUE_MANAGER)
    html = _sign_in(client, "quanly", TEST_PASSWORD).content.decode()
    assert reverse("admin:catalogue_procedure_changelist") in html
    assert reverse("admin:accounts_user_changelist") not in html
    client.logout()
    MembershipFactory(user=UserFactory(username="quantri", is_staff=True), agency=agency, role=Role.ADMINISTRATOR)
    html = _sign_in(client, "quantri", TEST_PASSWORD).content.decode()
    assert reverse("admin:accounts_user_changelist") in html
    assert reverse("admin:accounts_membership_changelist") in html
    assert reverse("admin:catalogue_procedure_changelist") not in html
    for url in (reverse("admin:accounts_user_changelist"), reverse("admin:accounts_membership_changelist")):
        assert client.get(url).status_code == 200  # every link offered opens


def test_administrator_without_staff_access_is_told_so(client: Client, agency: Any) -> None:
    MembershipFactory(user=UserFactory(username="quantri"), agency=agency, role=Role.ADMINISTRATOR)
    html = _sign_in(client, "quantri", TEST_PASSWORD).content.decode()
    assert "chưa được mở quyền vào trang quản trị" in html
    assert "/admin/" not in html


def test_roles_without_inbox_cannot_open_dossiers_or_the_ledger(client: Client, world: Any) -> None:
    dossier = receive(world)
    manager = UserFactory(username="quanly", is_staff=True)
    MembershipFactory(user=manager, agency=world.centre, role=Role.CATALOGUE_MANAGER)
    client.force_login(manager)
    assert client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).status_code == 403
    assert client.get(reverse("backoffice:ledger")).status_code == 403


@needs_sample
def test_every_demo_account_lands_without_error(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo", stdout=io.StringIO())
    for official in people.OFFICIALS:
        client = Client()
        page = _sign_in(client, official.username, people.DEMO_PASSWORD)
        if official.role == Role.CLERK:
            page = client.get(page["Location"])  # the incoming register
        assert page.status_code == 200, official.username
        for link in page.context["links"] if official.role in ADMIN_ROLES else ():
            assert client.get(link.url).status_code == 200, (official.username, link.url)
