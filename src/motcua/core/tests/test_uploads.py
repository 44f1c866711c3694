"""The one upload check: size, type by content (never the name or the browser's header), clean names."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core.uploads import MAX_NAME_BYTES, UploadRejected, clean_name, validate_upload, validate_uploads

PDF = b"%PDF-1.7\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF"
EXE = b"MZ\x90\x00\x03\x00\x00\x00"
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


@pytest.mark.parametrize(
    "name,content,content_type",
    [
        ("virus.pdf", EXE, "application/pdf"),
        ("trang.pdf", HTML, "application/pdf"),
        ("trang.html", HTML, "text/html"),
        ("anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
    ],
)
def test_the_content_decides_not_the_name_or_the_header(name, content, content_type):
    with pytest.raises(UploadRejected) as refused:
        validate_upload(SimpleUploadedFile(name, content, content_type=content_type), field="attachments")
    assert f"“{name}” không đúng định dạng" in refused.value.message
    assert refused.value.fields == {"attachments": [refused.value.message]}
    assert refused.value.status == 400


@pytest.mark.parametrize("name,content", [("to-khai.pdf", PDF), ("anh.PNG", PNG), ("anh.jpg", JPEG)])
def test_real_pdfs_and_images_pass(name, content):
    assert validate_upload(SimpleUploadedFile(name, content, content_type="application/octet-stream")) == name


def test_a_renamed_image_is_refused_as_a_mismatch():
    with pytest.raises(UploadRejected, match="không khớp với phần mở rộng"):
        validate_upload(SimpleUploadedFile("anh.pdf", PNG))


def test_the_size_limit_is_the_setting(settings):
    settings.FILE_UPLOAD_MAX_MB = 1
    validate_upload(SimpleUploadedFile("vua.pdf", PDF + b"0" * (1024 * 1024 - len(PDF))))
    with pytest.raises(UploadRejected, match="vượt quá giới hạn 1 MB"):
        validate_upload(SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024)))


def test_empty_files_are_refused():
    with pytest.raises(UploadRejected, match="rỗng"):
        validate_upload(SimpleUploadedFile("rong.pdf", b""))


def test_the_allowed_types_are_the_setting(settings):
    settings.UPLOAD_ALLOWED_TYPES = ["pdf"]
    validate_upload(SimpleUploadedFile("to-khai.pdf", PDF))
    with pytest.raises(UploadRejected, match=r"Chỉ nhận tệp PDF\."):
        validate_upload(SimpleUploadedFile("anh.png", PNG))
    settings.UPLOAD_ALLOWED_TYPES = ["pdf", "exe"]
    with pytest.raises(ImproperlyConfigured):
        validate_upload(SimpleUploadedFile("to-khai.pdf", PDF))


def test_a_batch_is_refused_whole_before_anything_is_kept():
    with pytest.raises(UploadRejected, match=r"virus\.pdf"):
        validate_uploads([SimpleUploadedFile("tot.pdf", PDF), SimpleUploadedFile("virus.pdf", EXE)])


def test_a_very_long_vietnamese_name_is_shortened_keeping_its_extension():
    long_name = "Giấy chứng nhận quyền sử dụng đất " * 9 + ".pdf"
    assert len(long_name) > 300
    upload = SimpleUploadedFile(long_name, PDF)
    name = validate_upload(upload)
    assert name.endswith(".pdf") and name.startswith("Giấy chứng nhận")
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert upload.name == name


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\an\\to khai.pdf", "to khai.pdf"),
        ("to\x00khai.pdf", "tokhai.pdf"),
        ("hoa-don\u202egnp.pdf", "hoa-dongnp.pdf"),
        ("  ..\u200bđơn   xin .pdf", "đơn xin.pdf"),
        ("", "tep"),
        (".pdf", "pdf"),
        ("Tờ khai.pdf", "Tờ khai.pdf"),
    ],
)
def test_names_lose_folders_and_invisible_characters(raw, clean):
    assert clean_name(raw) == clean
