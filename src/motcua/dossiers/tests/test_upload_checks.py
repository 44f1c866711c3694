"""Every file the engine stores passes the one upload check, whichever channel called it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core.uploads import MAX_NAME_BYTES, UploadRejected
from motcua.dossiers import services
from motcua.dossiers.models import DossierFile
from motcua.dossiers.services import ComponentData
from motcua.dossiers.tests.helpers import pdf, receive, to_processing

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00"
HTML = b"<html><script>alert(1)</script></html>"


def test_forward_refuses_an_executable_named_as_a_pdf_and_stores_nothing(world: Any) -> None:
    dossier = to_processing(world)
    before = DossierFile.objects.count()
    with pytest.raises(UploadRejected) as refused:
        services.forward(
            dossier,
            actor=world.specialist,
            files=[pdf("to-trinh.pdf"), SimpleUploadedFile("virus.pdf", EXE, content_type="application/pdf")],
        )
    assert refused.value.fields == {"files": [refused.value.message]}
    assert DossierFile.objects.count() == before
    version = dossier.version
    dossier.refresh_from_db()
    assert dossier.version == version  # the action did not happen


def test_forward_refuses_a_file_over_the_limit(world: Any, settings: Any) -> None:
    settings.FILE_UPLOAD_MAX_MB = 1
    dossier = to_processing(world)
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(UploadRejected, match="vượt quá giới hạn 1 MB"):
        services.forward(dossier, actor=world.specialist, files=[big])


def test_the_result_refuses_an_html_page_next_to_its_field(world: Any) -> None:
    dossier = to_processing(world)
    dossier = services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
    dossier = services.approve(dossier, actor=world.leader)
    page = SimpleUploadedFile("ket-qua.html", HTML, content_type="text/html")
    with pytest.raises(UploadRejected) as refused:
        services.attach_result(dossier, actor=world.leader, result_files=[page])
    assert list(refused.value.fields) == ["result_files"]


def test_intake_refuses_a_bad_scan_before_writing_anything(world: Any) -> None:
    components = [ComponentData(name="Tờ khai", files=[SimpleUploadedFile("to-khai.pdf", HTML)])]
    with pytest.raises(UploadRejected) as refused:
        receive(world, components=components, decision="register")
    assert list(refused.value.fields) == ["components"]
    assert not DossierFile.objects.exists()


def test_a_stored_file_gets_the_clean_short_name(world: Any) -> None:
    long_name = "Bản sao giấy khai sinh của người yêu cầu cấp phiếu lý lịch " * 5 + ".pdf"
    dossier = receive(world, components=[ComponentData(name="Bản sao", files=[pdf(long_name)])], decision="register")
    stored = dossier.files.get()
    assert stored.name.endswith(".pdf") and len(stored.name.encode()) <= MAX_NAME_BYTES
    # The name on disk fits a file system's 255 bytes per name (the cause of the error 500).
    on_disk = stored.file.name.rsplit("/", 1)[-1]
    assert on_disk.endswith(".pdf") and len(on_disk.encode()) <= 255
