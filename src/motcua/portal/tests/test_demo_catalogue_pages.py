"""What a citizen sees of the demo catalogue: legal basis or its absence, blank forms to download."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.catalogue.constants import LEGAL_BASIS_MISSING
from motcua.catalogue.models import Component, ProcedureVersion
from motcua.catalogue.tests.sample import needs_sample
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.portal.tests.test_submission import _start

pytestmark = [pytest.mark.django_db, needs_sample]


@pytest.fixture
def demo_catalogue():
    from motcua.catalogue import demo
    from motcua.organisations import demo as organisations_demo

    organisations_demo.load(io.StringIO())
    demo.load(io.StringIO())


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("'", "&#x27;").replace('"', "&quot;").split("\n")[0]


def test_every_demo_procedure_page_gives_its_legal_basis_or_says_it_is_missing(client, demo_catalogue):
    missing = 0
    for version in ProcedureVersion.objects.select_related("procedure"):
        html = client.get(reverse("portal:procedure_detail", args=[version.procedure.code])).content.decode()
        assert "Căn cứ pháp lý" in html, version.procedure.code
        if version.legal_basis:
            assert _escaped(version.legal_basis) in html, version.procedure.code
        else:
            missing += 1
            assert LEGAL_BASIS_MISSING in html, version.procedure.code
    assert missing < ProcedureVersion.objects.count() / 4


def test_the_birth_registration_form_downloads_as_a_pdf(client, demo_catalogue):
    component = Component.objects.get(version__procedure__code="1.001193", name__startswith="Tờ khai đăng ký khai sinh")
    url = reverse("portal:procedure_form", args=["1.001193", component.pk])
    assert url in client.get(reverse("portal:procedure_detail", args=["1.001193"])).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_submission_page_offers_the_blank_form(citizen_client, world):
    component = world.procedure.versions.get().components.get()
    component.blank_form.save("to-khai.pdf", ContentFile(b"%PDF-1.4 mau"), save=True)
    _start(citizen_client, world)
    dossier = Dossier.objects.get(status=Status.DRAFT)
    html = citizen_client.get(reverse("portal:draft", args=[dossier.reference])).content.decode()
    url = reverse("portal:procedure_form", args=[world.procedure.code, component.pk])
    assert url in html and "Tải mẫu đơn, tờ khai" in html
    assert citizen_client.get(url).status_code == 200
