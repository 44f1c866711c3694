"""Receiving a procedure group at the counter in one screen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierGroup
from motcua.dossiers.tests.test_groups import group_of

pytestmark = pytest.mark.django_db

APPLICANT = {
    "applicant-kind": "citizen",
    "applicant-full_name": "Phạm Thị Thu",
    "applicant-id_number": "025190004567",
    "applicant-phone": "0915000111",
    "applicant-address": "Số 8 Trần Phú, phường Việt Trì",
}
FORM = {"channel": "counter", "payment_method": "cash", "result_delivery": "counter", "decision": "accept"}


def ticked(*procedures):
    data = {}
    for procedure in procedures:
        for component in procedure.versions.get().components.all():
            data[f"comp-{component.pk}-received"] = "on"
            data[f"comp-{component.pk}-kind"] = component.kind
            data[f"comp-{component.pk}-pages"] = "1"
    return data


def test_the_intake_page_offers_the_group_and_receives_it_whole(client, world):
    group, insurance = group_of(world)
    client.force_login(world.officer)
    intake = client.get(reverse("backoffice:intake") + f"?procedure={world.procedure.code}").content.decode()
    url = reverse("backoffice:intake_group", kwargs={"code": group.code})
    assert url in intake and group.name in intake
    page = client.get(url).content.decode()
    assert world.procedure.name in page and insurance.name in page

    refused = client.post(url, {**APPLICANT, **FORM, **ticked(world.procedure)})  # nothing for the insurance card
    assert refused.status_code == 400 and insurance.name in refused.content.decode()
    assert not Dossier.objects.exists()

    done = client.post(url, {**APPLICANT, **FORM, **ticked(world.procedure, insurance)})
    filing = DossierGroup.objects.get()
    first = filing.dossiers.order_by("pk").first()
    assert done.status_code == 302 and done.url == reverse("backoffice:dossier", kwargs={"code": first.code})
    assert {d.status for d in filing.dossiers.all()} == {Status.ACCEPTED}
    assert {d.competent_agency for d in filing.dossiers.all()} == {world.department, world.partner}


def test_another_procedures_officer_cannot_receive_for_a_citizen(client, world):
    group, _ = group_of(world)
    client.force_login(world.specialist)
    assert client.get(reverse("backoffice:intake_group", kwargs={"code": group.code})).status_code == 403
