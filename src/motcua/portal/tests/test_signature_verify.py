"""The public verification page: an uploaded PDF or a QR link; clear Vietnamese errors, never a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from weasyprint import HTML

pytestmark = pytest.mark.django_db
URL = "/xac-thuc-van-ban/"


def upload(client, content: bytes, name: str = "van-ban.pdf"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, content_type="application/pdf")})


def test_the_page_offers_an_upload_form(client):
    page = client.get(URL)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    assert reverse("portal:signature_verify") == URL


def test_a_signed_pdf_shows_each_signature(client, signed):
    page = upload(client, signed.content)
    text = page.content.decode()
    assert page.status_code == 200
    assert "TEST – UBND xã Thanh Ba" in text
    assert "Nguyên vẹn" in text
    assert "Mọi chữ ký còn nguyên vẹn" in text
    assert "THỬ NGHIỆM – không có giá trị pháp lý" in text  # the test CA says what it is


def test_a_tampered_pdf_is_reported_changed(client, signed):
    content = bytearray(signed.content)
    position = content.index(b"/Producer")
    content[position + 1 : position + 4] = b"Xro"
    text = upload(client, bytes(content)).content.decode()
    assert "Có chữ ký không hợp lệ hoặc văn bản đã bị sửa sau khi ký" in text


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (HTML(string="<p>x</p>").write_pdf(), "a.pdf", "Tệp PDF không có chữ ký số nào."),
        (b"%PDF-1.7\n garbage", "b.pdf", "Tệp PDF bị hỏng"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "c.pdf", "không phải tệp PDF"),
        (b"", "d.pdf", ""),  # Django's own message for an empty file
    ],
)
def test_files_without_signature_or_broken_get_a_message_not_a_500(client, signing, content, name, message):
    page = upload(client, bytes(content), name)
    assert page.status_code == 400
    assert message in page.content.decode()


def test_too_large_a_file_is_refused(client, signing, settings):
    settings.SIGNATURE_VERIFY_MAX_MB = 0
    page = upload(client, b"%PDF-1.7\n")
    assert page.status_code == 400
    assert "vượt quá giới hạn 0 MB" in page.content.decode()


def test_the_qr_link_shows_the_issued_document_and_its_signatures(client, signed):
    page = client.get(f"{URL}{signed.document.token}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "UBND xã Thanh Ba" in text and signed.document.sha256 in text
    assert "Nguyên vẹn" in text


def test_an_unknown_qr_link_is_a_404_page(client, signing):
    page = client.get(f"{URL}khong-co-ma-nay/")
    assert page.status_code == 404
    assert "Không tìm thấy văn bản điện tử" in page.content.decode()


def test_checks_are_limited_per_address(client, signed, settings):
    settings.SIGNATURE_VERIFY_LIMIT = 1
    assert upload(client, signed.content).status_code == 200
    page = upload(client, signed.content)
    assert page.status_code == 429
    assert "quá nhiều lần" in page.content.decode()


def test_a_stored_copy_gone_missing_is_said_plainly(client, signed):
    signed.document.file.storage.delete(signed.document.file.name)
    page = client.get(f"{URL}{signed.document.token}/")
    assert page.status_code == 409
    assert "Không đọc được bản lưu" in page.content.decode()
