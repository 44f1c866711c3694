"""Sending a stored file to someone a view has already allowed to see it.

No URL serves ``MEDIA_ROOT`` directly: each download view checks who asks, then calls
:func:`file_response`. The type sent is the one the content proves (its magic bytes), never the
name's: only a real PDF or image may be shown in the browser; anything else is an attachment of
type ``application/octet-stream``, with ``nosniff``, so an uploaded page or script never runs on
this origin. With ``FILE_SERVING=x-accel`` the bytes are sent by nginx from an ``internal``
location (``FILE_SERVING_INTERNAL_PREFIX``), the application only answers the headers.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from motcua.core.uploads import KNOWN_TYPES, sniff

OCTET_STREAM = "application/octet-stream"


def file_response(stored: FieldFile, *, name: str, inline: bool = True) -> HttpResponseBase:
    """The response sending ``stored`` under ``name``; ``inline`` asks to show PDFs and images in the page."""
    with stored.open("rb") as handle:
        detected = sniff(handle)
    kind = KNOWN_TYPES.get(detected or "")
    show = inline and kind is not None
    content_type = kind.content_type if kind is not None else OCTET_STREAM
    response: HttpResponseBase
    if settings.FILE_SERVING == "x-accel":
        response = HttpResponse(content_type=content_type)
        internal = settings.FILE_SERVING_INTERNAL_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{internal}/{quote(stored.name or '')}"
    else:
        response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not show, name) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    # Scans hold personal data: no shared cache may keep them.
    response["Cache-Control"] = "private, no-store"
    return response
