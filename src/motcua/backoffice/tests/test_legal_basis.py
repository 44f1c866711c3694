"""Officials see a procedure's legal basis at intake and on the dossier, or that the sources give none."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.catalogue.constants import LEGAL_BASIS_MISSING
from motcua.catalogue.models import ProcedureVersion
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db


def _set_basis(world: Any, text: str) -> None:
    ProcedureVersion.objects.filter(procedure=world.procedure).update(legal_basis=text)


def test_intake_and_dossier_pages_say_when_the_legal_basis_is_missing(client: Client, world: Any) -> None:
    _set_basis(world, "")
    client.force_login(world.officer)
    intake = client.get(reverse("backoffice:intake"), {"procedure": world.procedure.code}).content.decode()
    assert LEGAL_BASIS_MISSING in intake
    dossier = receive(world)
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert LEGAL_BASIS_MISSING in html


def test_intake_and_dossier_pages_show_the_legal_basis(client: Client, world: Any) -> None:
    _set_basis(world, "Luật Hộ tịch 2014")
    client.force_login(world.officer)
    intake = client.get(reverse("backoffice:intake"), {"procedure": world.procedure.code}).content.decode()
    assert "Căn cứ pháp lý: Luật Hộ tịch 2014" in intake
    dossier = receive(world)
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert "Luật Hộ tịch 2014" in html and LEGAL_BASIS_MISSING not in html
