"""The back office's file inputs use the one upload check of every channel (``motcua.core.uploads``)."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from motcua.core.uploads import UploadRejected, validate_upload


def checked_uploads(files: list[UploadedFile]) -> list[UploadedFile]:
    """The files, each checked by content and size (the browser's Content-Type is not trusted)."""
    errors = []
    for upload in files:
        try:
            validate_upload(upload)
        except UploadRejected as rejected:
            errors.append(forms.ValidationError(rejected.message, code=rejected.code))
    if errors:
        raise forms.ValidationError(errors)
    return files
