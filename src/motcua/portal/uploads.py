"""The portal's view of the one upload check (``motcua.core.uploads``): a rejection per file.

The portal keeps the good files of a batch and lists each refused one with its own Vietnamese
message naming the file, so the citizen only redoes what failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from motcua.core.uploads import UploadRejected, accept_attribute, sniff, validate_upload

__all__ = ["Rejection", "accept_attribute", "check", "sniff"]


@dataclass(frozen=True)
class Rejection:
    file_name: str
    message: str


def check(upload: UploadedFile) -> Rejection | None:
    """None when the file is acceptable (its name is then cleaned); otherwise why not, in Vietnamese."""
    try:
        validate_upload(upload)
    except UploadRejected as rejected:
        return Rejection(rejected.file_name, rejected.message)
    return None
