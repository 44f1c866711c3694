"""The one check of every uploaded file, whatever the channel (portal, back office, API).

A file is accepted only when it is not empty, not larger than ``FILE_UPLOAD_MAX_MB``, its first
bytes match the signature of a type listed in ``UPLOAD_ALLOWED_TYPES`` and its extension names
that same type. Neither the name nor the browser's Content-Type proves anything (an executable
renamed ``virus.pdf`` is still an executable), hence the magic bytes. The name is cleaned (no
folders, control or direction characters) and shortened, keeping the extension, so that it fits
the file system and the database.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import UploadedFile

from motcua.core.exceptions import DomainError

# Bytes of the UTF-8 name kept on disk: file systems allow 255 per name, and the storage may add
# a suffix to make it unique. A Vietnamese letter takes two or three bytes.
MAX_NAME_BYTES = 150
FALLBACK_STEM = "tep"


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]
    signatures: tuple[bytes, ...]


# The types a deployment may allow; ``UPLOAD_ALLOWED_TYPES`` picks among these keys.
KNOWN_TYPES: dict[str, FileType] = {
    "pdf": FileType("PDF", "application/pdf", (".pdf",), (b"%PDF-",)),
    "jpeg": FileType("JPG", "image/jpeg", (".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "png": FileType("PNG", "image/png", (".png",), (b"\x89PNG\r\n\x1a\n",)),
}
# The longest signature above, read once from the start of the file.
HEAD_BYTES = 16


class UploadRejected(DomainError):
    """The file is refused; ``message`` names it and says why, in Vietnamese."""

    code = "upload_rejected"

    def __init__(self, message: str, *, file_name: str, field: str):
        super().__init__(message, fields={field: [message]})
        self.file_name = file_name


def allowed_types() -> dict[str, FileType]:
    chosen = [key.strip().lower() for key in settings.UPLOAD_ALLOWED_TYPES]
    unknown = [key for key in chosen if key not in KNOWN_TYPES]
    if unknown:
        raise ImproperlyConfigured(f"UPLOAD_ALLOWED_TYPES: unknown types {unknown}; known: {sorted(KNOWN_TYPES)}.")
    return {key: KNOWN_TYPES[key] for key in chosen}


def accept_attribute() -> str:
    """The ``accept`` attribute of file inputs: a hint for the browser's picker, never a check."""
    kinds = allowed_types().values()
    return ",".join([ext for kind in kinds for ext in kind.extensions] + [kind.content_type for kind in kinds])


def allowed_labels() -> str:
    labels = [kind.label for kind in allowed_types().values()]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} hoặc {labels[-1]}"


def max_bytes() -> int:
    return int(settings.FILE_UPLOAD_MAX_MB) * 1024 * 1024


def sniff_head(head: bytes) -> str | None:
    """The known type (``pdf``, ``jpeg``, ``png``) whose signature starts ``head``, or None."""
    for key, kind in KNOWN_TYPES.items():
        if any(head.startswith(signature) for signature in kind.signatures):
            return key
    return None


def sniff(stream: IO[bytes]) -> str | None:
    """The known type of a file from its first bytes; the file is left at its start."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    return sniff_head(head)


def clean_name(raw: str | None) -> str:
    """The name without folders, control, format (bidi, zero-width) or reserved characters,
    NFC-normalised and at most ``MAX_NAME_BYTES`` in UTF-8, the extension kept."""
    base = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = unicodedata.normalize("NFC", base)
    kept = "".join(" " if ch.isspace() else ch for ch in text if unicodedata.category(ch)[0] != "C")
    kept = "".join(ch for ch in kept if ch not in '<>:"|?*').strip().strip(".").strip()
    path = PurePosixPath(kept or FALLBACK_STEM)
    suffix = path.suffix if len(path.suffix.encode()) <= 10 else ""
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    stem = " ".join(stem.split()) or FALLBACK_STEM
    while len((stem + suffix).encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(" .") + suffix


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def validate_upload(upload: UploadedFile, *, field: str = "files") -> str:
    """Check ``upload`` and rename it to its clean name (returned); raise ``UploadRejected`` if refused.

    ``field``: the input the error belongs to, so every channel shows it next to the right field.
    """
    name = clean_name(upload.name)
    size = upload.size or 0
    types = allowed_types()
    labels = allowed_labels()

    def refuse(message: str) -> UploadRejected:
        return UploadRejected(message, file_name=name, field=field)

    if size == 0:
        raise refuse(f"Tệp “{name}” rỗng (0 byte). Vui lòng chọn lại tệp.")
    if size > max_bytes():
        raise refuse(
            f"Tệp “{name}” có dung lượng {_megabytes(size)} MB, vượt quá giới hạn "
            f"{settings.FILE_UPLOAD_MAX_MB} MB. Vui lòng quét lại với độ phân giải thấp hơn hoặc chia nhỏ tệp."
        )
    detected = sniff(upload)
    suffix = PurePosixPath(name).suffix.lower()
    named = next((key for key, kind in types.items() if suffix in kind.extensions), None)
    if detected not in types or named is None:
        raise refuse(f"Tệp “{name}” không đúng định dạng. Chỉ nhận tệp {labels}.")
    if named != detected:
        raise refuse(f"Nội dung tệp “{name}” không khớp với phần mở rộng của tệp. Chỉ nhận tệp {labels} thật.")
    upload.name = name
    return name


def validate_uploads(uploads: list[UploadedFile], *, field: str = "files") -> list[str]:
    """Every file of a batch checked before any is stored (nothing half-kept when one is refused)."""
    return [validate_upload(upload, field=field) for upload in uploads]
