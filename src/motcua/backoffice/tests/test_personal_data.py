"""A superuser opening a dossier in the back office without a role of their own: the read is recorded."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import AccountEvent, Role
from motcua.accounts.personal_data import PERSONAL_DATA_VIEWED
from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db


def test_a_superusers_support_read_of_a_dossier_is_recorded(client: Client, world: Any) -> None:
    dossier = receive(world)
    support = UserFactory(username="hotro", superuser=True)
    client.force_login(support)
    client.post(reverse("backoffice:act_as"), {"agency": world.centre.pk, "role": Role.ONE_STOP_OFFICER})
    page = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code}))
    assert page.status_code == 200
    client.force_login(world.officer)
    assert client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).status_code == 200
    [event] = AccountEvent.objects.filter(action=PERSONAL_DATA_VIEWED)
    assert (event.actor, event.applicant_id, event.data["channel"]) == (support, dossier.applicant_id, "backoffice")
