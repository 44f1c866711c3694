"""The counter's supplement form lists the requested items; what is not ticked is missing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.constants import Status
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db
ITEMS = ["Bản sao Giấy khai sinh", "Tờ khai có chữ ký của người yêu cầu"]


def test_partial_supplement_shows_what_is_missing_and_needs_an_explicit_decision(client: Client, world: Any) -> None:
    dossier = receive(world, decision="request_supplement", supplement_items=ITEMS)
    client.force_login(world.officer)
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert 'type="checkbox" name="resubmit-requested"' in html
    assert all(f'value="{item}"' in html for item in ITEMS)
    url = reverse("backoffice:action", kwargs={"code": dossier.code, "action": "resubmit"})
    one = {"resubmit-version": dossier.version, "resubmit-requested": [ITEMS[0]]}
    refused = client.post(url, one)
    assert refused.status_code == 400
    assert f"Còn thiếu: “{ITEMS[1]}”" in refused.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    taken = client.post(url, {**one, "resubmit-accept_incomplete": "on", "resubmit-note": "Ký lại tại quầy"})
    assert taken.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    assert DossierEvent.objects.get(dossier=dossier, action="resubmit").data["missing"] == [ITEMS[1]]
