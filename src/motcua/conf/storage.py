"""Where uploaded and generated files are kept: the local folder ``MEDIA_ROOT`` (development, the demo, one
machine) or an S3-compatible object store through django-storages (several application servers, millions
of scans). Kept apart from ``settings.py`` so that the rule can be tested without reloading the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LOCAL = "local"
S3 = "s3"
BACKENDS = (LOCAL, S3)
# A download larger than this is spooled to a temporary file on the application server, not kept in memory.
SPOOL_IN_MEMORY_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class ObjectStore:
    bucket: str
    endpoint_url: str
    region: str
    access_key: str
    secret_key: str
    prefix: str
    addressing_style: str


def file_storage(backend: str, store: ObjectStore) -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry for ``backend`` (``local`` or ``s3``)."""
    if backend == LOCAL:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if backend != S3:
        raise ValueError(f"STORAGE_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if not store.bucket:
        raise ValueError("STORAGE_BACKEND=s3 needs STORAGE_S3_BUCKET")
    options: dict[str, Any] = {
        "bucket_name": store.bucket,
        "location": store.prefix.strip("/"),
        # Two uploads named alike never replace each other (as on the local folder).
        "file_overwrite": False,
        # Objects are private: the bucket's policy decides, and no object is ever made public.
        "default_acl": None,
        # Files are served by the permission-checked views (core.serving), never by the store's own URL.
        "querystring_auth": True,
        "max_memory_size": SPOOL_IN_MEMORY_BYTES,
        "signature_version": "s3v4",
    }
    optional = {
        "endpoint_url": store.endpoint_url,
        "region_name": store.region,
        "access_key": store.access_key,
        "secret_key": store.secret_key,
        "addressing_style": store.addressing_style,
    }
    # Empty values are left to boto3's own sources (instance role, AWS_* variables, ~/.aws).
    options.update({key: value for key, value in optional.items() if value})
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
