"""The back office's file inputs use the one upload check: the browser's Content-Type proves nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.backoffice.tests.test_dossier_page import action
from motcua.dossiers.models import DossierFile
from motcua.dossiers.tests.helpers import to_processing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00\x03\x00", content_type="application/pdf"),
        SimpleUploadedFile("trang.png", b"<html><script>alert(1)</script>", content_type="image/png"),
    ],
)
def test_a_file_claiming_to_be_a_pdf_or_image_is_refused(client: Client, world: Any, upload: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist)
    response = client.post(
        action(dossier.code, "forward"), {"forward-version": dossier.version, "forward-attachments": [upload]}
    )
    assert response.status_code == 400
    assert f"“{upload.name}” không đúng định dạng" in response.content.decode()
    assert not DossierFile.objects.filter(dossier=dossier, purpose="working").exists()


def test_a_file_over_the_limit_is_refused(client: Client, world: Any, settings: Any) -> None:
    settings.FILE_UPLOAD_MAX_MB = 1
    dossier = to_processing(world)
    client.force_login(world.specialist)
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    response = client.post(
        action(dossier.code, "forward"), {"forward-version": dossier.version, "forward-attachments": [big]}
    )
    assert response.status_code == 400 and "vượt quá giới hạn 1 MB" in response.content.decode()
