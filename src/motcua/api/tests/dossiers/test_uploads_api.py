"""Files sent to the API's actions pass the same upload check as the portal's and the back office's."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.api.tests.dossiers.test_api import client_for
from motcua.dossiers.models import DossierFile
from motcua.dossiers.tests.helpers import to_processing

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00"


def _forward(world: Any, dossier: Any, upload: SimpleUploadedFile) -> Any:
    url = f"/api/v1/dossiers/{dossier.code}/actions/forward/"
    body = {"expected_version": dossier.version, "files": [upload]}
    return client_for(world.specialist).post(url, body, format="multipart")


@pytest.mark.parametrize(
    "upload,fragment",
    [
        (SimpleUploadedFile("virus.pdf", EXE, content_type="application/pdf"), "“virus.pdf” không đúng định dạng"),
        (SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html"), "page.html"),
    ],
)
def test_forward_refuses_what_is_not_a_pdf_or_an_image(world, upload, fragment):
    dossier = to_processing(world)
    response = _forward(world, dossier, upload)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "upload_rejected" and fragment in body["fields"]["files"][0]
    assert not DossierFile.objects.filter(dossier=dossier, purpose="working").exists()


def test_forward_refuses_a_file_over_the_limit(world, settings):
    settings.FILE_UPLOAD_MAX_MB = 1
    dossier = to_processing(world)
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    response = _forward(world, dossier, big)
    assert response.status_code == 400 and "vượt quá giới hạn 1 MB" in response.json()["fields"]["files"][0]


def test_forward_keeps_a_real_pdf(world):
    dossier = to_processing(world)
    response = _forward(world, dossier, SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 x"))
    assert response.status_code == 200, response.content
    assert DossierFile.objects.get(dossier=dossier, purpose="working").name == "to-trinh.pdf"
