"""Sending a stored file to someone a view has already allowed to see it.

No URL serves ``MEDIA_ROOT`` directly: each download view checks who asks, then calls
:func:`file_response`. The type sent is the one the content proves (its magic bytes), never the
name's: only a real PDF or image may be shown in the browser; anything else is an attachment of
type ``application/octet-stream``, with ``nosniff``, so an uploaded page or script never runs on
this origin. With ``FILE_SERVING=x-accel`` the bytes are sent by nginx from an ``internal``
location (``FILE_SERVING_INTERNAL_PREFIX``), the application only answers the headers.

With files in an object store (``STORAGE_BACKEND=s3``) the application fetches the object and streams it
like a local file, rather than redirecting to a signed URL of the store: the permission check stays the
only way to a file (a signed URL works for anyone who holds it until it expires, and may be forwarded or
logged), the store need not be reachable from citizens' browsers, and the headers above (the type proven
by the content, ``nosniff``, ``no-store``) stay the application's. The cost is the bytes passing through the
application server: a file is spooled to memory up to 2 MB, to a temporary file beyond.
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
    # Opened once: from an object store, opening fetches the object (``STORAGE_BACKEND``).
    handle = stored.open("rb")
    detected = sniff(handle)
    kind = KNOWN_TYPES.get(detected or "")
    show = inline and kind is not None
    content_type = kind.content_type if kind is not None else OCTET_STREAM
    response: HttpResponseBase
    if settings.FILE_SERVING == "x-accel":
        handle.close()
        response = HttpResponse(content_type=content_type)
        internal = settings.FILE_SERVING_INTERNAL_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{internal}/{quote(stored.name or '')}"
    else:
        # Streamed in blocks from the storage's file, closed when the response is.
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not show, name) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    # Scans hold personal data: no shared cache may keep them.
    response["Cache-Control"] = "private, no-store"
    return response
