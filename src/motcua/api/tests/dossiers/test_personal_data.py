"""Administrators and catalogue managers do not read dossiers (applicants' personal data) through the API;
a superuser's read is recorded."""

from __future__ import annotations

import pytest

from motcua.accounts.models import AccountEvent, Role
from motcua.accounts.personal_data import PERSONAL_DATA_VIEWED
from motcua.accounts.tests.factories import UserFactory
from motcua.api.tests.dossiers.test_api import client_for
from motcua.dossiers import selectors
from motcua.dossiers.tests.conftest import official
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.CATALOGUE_MANAGER])
def test_roles_without_processing_rights_do_not_see_the_agencys_dossiers(world, role):
    dossier = receive(world)
    it_admin = official(world.centre, role, "quantri")
    api = client_for(it_admin)
    assert api.get(f"/api/v1/dossiers/{dossier.code}/").status_code == 404
    assert api.get("/api/v1/dossiers/").json()["count"] == 0
    assert not selectors.dossiers_visible_to(it_admin).exists()
    assert selectors.dossiers_visible_to(world.officer).filter(pk=dossier.pk).exists()


def test_a_superusers_reading_of_a_dossier_is_recorded(world):
    dossier = receive(world)
    support = UserFactory(username="hotro", superuser=True)
    assert client_for(support).get(f"/api/v1/dossiers/{dossier.code}/").status_code == 200
    client_for(world.officer).get(f"/api/v1/dossiers/{dossier.code}/")  # their own work: not a support read
    [event] = AccountEvent.objects.filter(action=PERSONAL_DATA_VIEWED)
    assert (event.actor, event.applicant, event.data) == (
        support,
        dossier.applicant,
        {"what": "dossier", "reference": dossier.code, "channel": "api"},
    )


def test_an_administrator_cannot_download_the_register_of_their_agency(world):
    receive(world)
    it_admin = official(world.centre, Role.ADMINISTRATOR, "quantri")
    query = {"agency": world.centre.pk, "start": "2026-03-01", "end": "2026-03-31"}
    assert client_for(it_admin).get("/api/v1/dossiers/register.xlsx", query).status_code == 404
    assert client_for(world.officer).get("/api/v1/dossiers/register.xlsx", query).status_code == 200


def test_a_superusers_listing_of_dossiers_is_recorded_with_the_codes_shown(world):
    first, second = receive(world), receive(world)
    support = UserFactory(username="hotro", superuser=True)
    assert client_for(support).get("/api/v1/dossiers/").json()["count"] == 2
    client_for(world.officer).get("/api/v1/dossiers/")  # their own work: not a support read
    [event] = AccountEvent.objects.filter(action=PERSONAL_DATA_VIEWED)
    assert event.actor == support and event.data["what"] == "dossier_list"
    assert set(event.data["reference"].split(", ")) == {first.code, second.code}
