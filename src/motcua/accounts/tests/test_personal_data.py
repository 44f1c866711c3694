"""System administrators do not read applicants' personal data; a superuser's support read is recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.accounts.models import AccountEvent, Role
from motcua.accounts.personal_data import PERSONAL_DATA_VIEWED
from motcua.accounts.tests.factories import ApplicantFactory, MembershipFactory, UserFactory
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("motcua.organisations.tests.admin_urls")]


@pytest.fixture
def administrator(client):
    user = UserFactory(username="quantri", is_staff=True)
    MembershipFactory(user=user, agency=AgencyFactory(), role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def test_the_administrator_role_cannot_list_search_or_open_applicants(client, administrator):
    applicant = ApplicantFactory(full_name="Nguyễn Thị Dung")
    for page in (
        reverse("admin:accounts_applicant_changelist"),
        reverse("admin:accounts_applicant_change", args=[applicant.pk]),
    ):
        response = client.get(page, {"q": applicant.id_number})
        assert response.status_code == 403
        assert applicant.id_number not in response.content.decode()
    index = client.get(reverse("admin:index")).content.decode()
    assert "Nguyễn Thị Dung" not in index and "/admin/accounts/applicant/" not in index


def test_a_superusers_reading_of_an_applicant_is_recorded(client):
    support = UserFactory(superuser=True)
    client.force_login(support)
    applicant = ApplicantFactory()
    assert client.get(reverse("admin:accounts_applicant_change", args=[applicant.pk])).status_code == 200
    client.get(reverse("admin:accounts_applicant_changelist"), {"q": applicant.id_number})
    events = AccountEvent.objects.filter(action=PERSONAL_DATA_VIEWED).order_by("pk")
    assert [(e.actor, e.data["what"], e.data["channel"]) for e in events] == [
        (support, "applicant", "admin"),
        (support, "applicant_list", "admin"),
    ]
    assert events[0].applicant == applicant and events[0].occurred_at is not None
    assert events[1].data["reference"] == applicant.id_number


def test_a_superusers_opening_of_a_citizens_account_is_recorded(client):
    support = UserFactory(superuser=True)
    client.force_login(support)
    citizen = UserFactory(username="dan")
    official = MembershipFactory(role=Role.SPECIALIST).user
    client.get(reverse("admin:accounts_user_change", args=[citizen.pk]))
    client.get(reverse("admin:accounts_user_change", args=[official.pk]))
    [event] = AccountEvent.objects.filter(action=PERSONAL_DATA_VIEWED)
    assert (event.actor, event.user, event.data["what"]) == (support, citizen, "account")


def test_a_superusers_look_at_the_account_list_is_recorded_an_administrators_is_not(client, administrator):
    client.get(reverse("admin:accounts_user_changelist"))
    assert not AccountEvent.objects.filter(action=PERSONAL_DATA_VIEWED).exists()
    support = UserFactory(superuser=True)
    client.force_login(support)
    client.get(reverse("admin:accounts_user_changelist"), {"q": "0912"})
    [event] = AccountEvent.objects.filter(action=PERSONAL_DATA_VIEWED)
    assert (event.actor, event.data["what"], event.data["reference"]) == (support, "account_list", "0912")
