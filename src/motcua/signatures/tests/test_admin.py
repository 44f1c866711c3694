"""The signing screens of the admin: superusers read; nobody edits a key or a signed document there."""

from __future__ import annotations

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_superusers_read_keys_and_signed_documents_but_cannot_change_them(client, give_key, signed):
    key = give_key(agency=AgencyFactory())
    client.force_login(UserFactory(superuser=True))
    assert client.get("/admin/signatures/signingkey/").status_code == 200
    page = client.get(f"/admin/signatures/signingkey/{key.pk}/change/")
    assert page.status_code == 200 and 'type="submit"' not in page.content.decode().split('id="content"')[1]
    assert client.get("/admin/signatures/signingkey/add/").status_code == 403
    assert client.get("/admin/signatures/signeddocument/").status_code == 200
    assert client.post(f"/admin/signatures/signingkey/{key.pk}/delete/").status_code == 403


def test_officials_do_not_see_them(client, signing):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/signatures/signingkey/").status_code in (302, 403)
