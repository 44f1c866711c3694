"""File checks by content and size: one row per case."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.portal.uploads import check, sniff

PDF = b"%PDF-1.7\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00"
ZIP = b"PK\x03\x04"
EXE = b"MZ\x90\x00"


@pytest.mark.parametrize(
    "name,content,accepted,fragment",
    [
        ("to-khai.pdf", PDF, True, ""),
        ("TO-KHAI.PDF", PDF, True, ""),
        ("anh.jpg", JPEG, True, ""),
        ("anh.jpeg", JPEG, True, ""),
        ("anh.png", PNG, True, ""),
        ("don.docx", ZIP, False, "không đúng định dạng"),
        ("virus.pdf", EXE, False, "không đúng định dạng"),
        ("anh.pdf", PNG, False, "không khớp với phần mở rộng"),
        ("scan.png", PDF, False, "không khớp với phần mở rộng"),
        ("khong-duoi", PDF, False, "không đúng định dạng"),
        ("rong.pdf", b"", False, "rỗng"),
    ],
)
def test_check(name, content, accepted, fragment):
    problem = check(SimpleUploadedFile(name, content))
    assert (problem is None) is accepted
    if problem is not None:
        assert fragment in problem.message and f"“{name}”" in problem.message


def test_size_limit_is_the_setting(settings):
    settings.FILE_UPLOAD_MAX_MB = 2
    at_limit = SimpleUploadedFile("a.pdf", PDF + b"0" * (2 * 1024 * 1024 - len(PDF)))
    over = SimpleUploadedFile("b.pdf", PDF + b"0" * (2 * 1024 * 1024))
    assert check(at_limit) is None
    problem = check(over)
    assert problem is not None and "2,0 MB, vượt quá giới hạn 2 MB" in problem.message


def test_sniff_leaves_the_file_readable_from_the_start():
    upload = SimpleUploadedFile("a.pdf", PDF + b"rest")
    assert sniff(upload) == "pdf"
    assert upload.read() == PDF + b"rest"
