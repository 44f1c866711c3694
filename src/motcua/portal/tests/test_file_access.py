"""Who may download a stored file, through which address, and how it is sent.

No URL serves MEDIA_ROOT: each file goes through a view that checks who asks (the applicant on the
portal; officials who may see the dossier in the back office; blank forms are public).
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from motcua.dossiers.models import DossierFile, FilePurpose
from motcua.portal.tests.conftest import make_citizen, submitted_dossier

pytestmark = pytest.mark.django_db

ANONYMOUS, OWNER, OTHER_CITIZEN, OFFICIAL, OTHER_AGENCY = "anonymous", "owner", "other", "official", "stranger"


@pytest.fixture
def scene(world: Any) -> dict[str, Any]:
    owner = make_citizen()
    dossier = submitted_dossier(world, owner)
    return {
        "dossier": dossier,
        "file": dossier.files.get(),
        "users": {
            ANONYMOUS: None,
            OWNER: owner,
            OTHER_CITIZEN: make_citizen("0987654321", "025195000999"),
            OFFICIAL: world.officer,
            OTHER_AGENCY: world.stranger,
        },
    }


def _get(scene: dict[str, Any], who: str, url: str) -> Any:
    client = Client()
    if scene["users"][who] is not None:
        client.force_login(scene["users"][who])
    return client.get(url)


@pytest.mark.parametrize(
    "who,portal,backoffice",
    [
        (ANONYMOUS, 302, 302),
        (OWNER, 200, 403),
        (OTHER_CITIZEN, 404, 403),
        (OFFICIAL, 404, 200),
        (OTHER_AGENCY, 404, 404),
    ],
)
def test_permission_matrix(scene, who, portal, backoffice):
    dossier, stored = scene["dossier"], scene["file"]
    portal_url = reverse("portal:dossier_file", args=[dossier.reference, stored.pk])
    backoffice_url = reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": stored.pk})
    response = _get(scene, who, portal_url)
    assert response.status_code == portal
    if portal == 302:
        assert "/dang-nhap/" in response["Location"]
    response = _get(scene, who, backoffice_url)
    assert response.status_code == backoffice
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_no_address_serves_the_media_directory_even_in_debug(settings, scene):
    import motcua.urls

    settings.DEBUG = True
    try:
        urls = importlib.reload(motcua.urls)
        with pytest.raises(Resolver404):
            resolve(f"{settings.MEDIA_URL}{scene['file'].file.name}", urlconf=urls)
    finally:
        settings.DEBUG = False
        importlib.reload(motcua.urls)


def _legacy_page(dossier: Any) -> DossierFile:
    """An HTML page stored before uploads were checked, under a name that claims a PDF."""
    return DossierFile.objects.create(
        dossier=dossier,
        purpose=FilePurpose.COMPONENT,
        file=ContentFile(b"<html><script>alert(document.cookie)</script></html>", name="page.pdf"),
        name="page.pdf",
        size=52,
        uploaded_at=dossier.created_at,
    )


def test_a_stored_page_is_downloaded_never_rendered(scene):
    dossier = scene["dossier"]
    page = _legacy_page(dossier)
    for who, url in (
        (OWNER, reverse("portal:dossier_file", args=[dossier.reference, page.pk])),
        (OFFICIAL, reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": page.pk})),
    ):
        response = _get(scene, who, url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_web_server_sends_the_bytes_with_x_accel(settings, scene):
    settings.FILE_SERVING = "x-accel"
    dossier, stored = scene["dossier"], scene["file"]
    response = _get(scene, OFFICIAL, reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": stored.pk}))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{stored.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    # Permission first: the other agency's official gets no redirect to the bytes.
    refused = _get(scene, OTHER_AGENCY, reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": stored.pk}))
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_blank_forms_are_public_attachments(client, world):
    component = world.procedure.versions.get().components.first()
    component.blank_form.save("to-khai.pdf", ContentFile(b"%PDF-1.4 mau"), save=True)
    url = reverse("portal:procedure_form", args=[world.procedure.code, component.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    api = client.get(f"/api/v1/procedures/{world.procedure.code}/").json()
    assert url in [c["blank_form_url"] for c in api["components"]]
