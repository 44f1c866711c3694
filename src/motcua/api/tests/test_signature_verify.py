"""The public verification endpoints: a report per signature, the JSON error shape for bad files."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient
from weasyprint import HTML

pytestmark = pytest.mark.django_db
VERIFY = "/api/v1/signatures/verify/"


def post(content: bytes, name: str = "x.pdf"):
    return APIClient().post(VERIFY, {"file": SimpleUploadedFile(name, content)}, format="multipart")


def test_a_signed_pdf_is_reported(signed):
    answer = post(signed.content)
    assert answer.status_code == 200
    body = answer.json()
    assert body["all_valid"] is True
    assert body["sha256"] == signed.document.sha256
    [signature] = body["signatures"]
    assert signature["signer"] == "TEST – UBND xã Thanh Ba"
    assert signature["intact"] and signature["trusted"] and not signature["changed_after"]
    assert signature["timestamp_at"]
    assert signature["chain"][-1]["is_test"] is True


@pytest.mark.parametrize(
    ("content", "code", "status"),
    [
        (HTML(string="<p>x</p>").write_pdf(), "no_signature", 422),
        (b"%PDF-1.7\n broken", "not_a_pdf", 400),
        (b"hello", "upload_rejected", 400),
    ],
)
def test_bad_files_get_the_error_shape(signing, content, code, status):
    answer = post(bytes(content))
    assert answer.status_code == status
    assert answer.json()["code"] == code
    assert answer.json()["message"]


def test_no_file_is_a_field_error(signing):
    answer = APIClient().post(VERIFY, {}, format="multipart")
    assert answer.status_code == 400
    assert "file" in answer.json()["fields"]


def test_a_document_by_its_qr_token(signed):
    answer = APIClient().get(f"/api/v1/signatures/documents/{signed.document.token}/")
    assert answer.status_code == 200
    assert answer.json()["document"]["agency"] == "UBND xã Thanh Ba"
    assert answer.json()["verification"]["all_valid"] is True
    assert APIClient().get("/api/v1/signatures/documents/khong-co/").status_code == 404
