"""The portal's uploads: the one upload check, and file names too long for a file system."""

from __future__ import annotations

import pytest

from motcua.core.uploads import MAX_NAME_BYTES
from motcua.portal.tests.conftest import pdf
from motcua.portal.tests.test_submission import _component, _draft, _upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Files on a real file system, as in production (255 bytes per name at most)."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


def test_a_300_character_vietnamese_file_name_is_kept_shortened(citizen_client, world, disk_storage):
    long_name = ("Giấy xác nhận tình trạng hôn nhân của ông Nguyễn Văn Trường " * 6)[:300] + ".pdf"
    dossier = _draft(citizen_client, world)
    response = _upload(citizen_client, dossier, [pdf(long_name)], delivery_method="counter")
    assert response.status_code == 302, response.content.decode()[:500]
    stored = _component(dossier).files.get()
    assert stored.name.startswith("Giấy xác nhận") and stored.name.endswith(".pdf")
    assert len(stored.name.encode()) <= MAX_NAME_BYTES
    assert stored.file.read().startswith(b"%PDF-")


def test_an_html_page_named_as_a_pdf_is_refused(citizen_client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = SimpleUploadedFile("trang.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    dossier = _draft(citizen_client, world)
    response = _upload(citizen_client, dossier, [page])
    assert response.status_code == 400 and "“trang.pdf” không đúng định dạng" in response.content.decode()
    assert not _component(dossier).files.exists()
