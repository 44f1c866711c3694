"""The dossier page names the other dossiers filed with it as one application of a procedure group."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.selectors.groups import group_dossiers
from motcua.dossiers.services.groups import GroupIntakeRequest, receive_group
from motcua.dossiers.tests.helpers import applicant_data, received_form
from motcua.dossiers.tests.test_groups import group_of

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_group_and_its_other_dossiers(client, world):
    group, insurance = group_of(world)
    components = {p.code: received_form(p) for p in (world.procedure, insurance)}
    request = GroupIntakeRequest(
        procedure_group=group, receiving_agency=world.centre, applicant=applicant_data(), components=components
    )
    filing = receive_group(request, actor=world.officer)
    first, second = group_dossiers(filing)
    client.force_login(world.officer)
    page = client.get(reverse("backoffice:dossier", kwargs={"code": first.code})).content.decode()
    assert "Hồ sơ liên thông" in page and filing.code in page
    assert second.code in page and insurance.name in page and world.partner.name in page
