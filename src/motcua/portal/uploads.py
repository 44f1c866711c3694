"""Server-side checks of files citizens upload: type by content (magic bytes) and size.

The extension alone proves nothing (a renamed .docx is still a .docx), so the first bytes must
match a PDF, JPEG or PNG signature and agree with the extension. Each rejected file gets its own
Vietnamese message naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}
ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


@dataclass(frozen=True)
class Rejection:
    file_name: str
    message: str


def max_bytes() -> int:
    return int(settings.FILE_UPLOAD_MAX_MB) * 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def sniff(upload: UploadedFile) -> str | None:
    """The detected type (pdf, jpeg, png) from the file's first bytes, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


def check(upload: UploadedFile) -> Rejection | None:
    """None when the file is acceptable; otherwise why not, in Vietnamese."""
    name = PurePath(upload.name or "tệp").name
    size = upload.size or 0
    if size == 0:
        return Rejection(name, f"Tệp “{name}” rỗng (0 byte). Vui lòng chọn lại tệp.")
    if size > max_bytes():
        return Rejection(
            name,
            f"Tệp “{name}” có dung lượng {_megabytes(size)} MB, vượt quá giới hạn "
            f"{settings.FILE_UPLOAD_MAX_MB} MB. Vui lòng quét lại với độ phân giải thấp hơn hoặc chia nhỏ tệp.",
        )
    expected = EXTENSIONS.get(PurePath(name).suffix.lower())
    detected = sniff(upload)
    if expected is None or detected is None:
        return Rejection(name, f"Tệp “{name}” không đúng định dạng. Chỉ nhận tệp PDF, JPG hoặc PNG.")
    if expected != detected:
        return Rejection(
            name,
            f"Nội dung tệp “{name}” không khớp với phần mở rộng của tệp. Chỉ nhận tệp PDF, JPG hoặc PNG thật.",
        )
    return None
