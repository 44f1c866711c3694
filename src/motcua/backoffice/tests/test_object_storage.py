"""Files in an S3-compatible object store (``STORAGE_BACKEND=s3``): moto's S3 server on this machine stands
in for the province's store; a file uploaded through the back office lands in the bucket and is served back
by the permission-checked file view."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.backoffice.tests.test_dossier_page import action
from motcua.conf.storage import ObjectStore, file_storage
from motcua.dossiers.models import DossierFile
from motcua.dossiers.tests.helpers import to_processing

pytestmark = pytest.mark.django_db
BUCKET = "motcua-ho-so"
SCAN = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, settings: Any) -> Any:
    store = ObjectStore(
        bucket=BUCKET,
        endpoint_url=s3_endpoint,
        region="ap-southeast-1",
        access_key="motcua",
        secret_key="motcua-secret",
        prefix="media",
        addressing_style="path",
    )
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=store.region,
        aws_access_key_id=store.access_key,
        aws_secret_access_key=store.secret_key,
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": store.region})
    settings.STORAGES = {**settings.STORAGES, "default": file_storage("s3", store)}
    yield client
    for listed in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=listed["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_an_uploaded_scan_is_kept_in_the_bucket_and_served_through_the_checked_view(
    client: Client, world: Any, bucket: Any
) -> None:
    dossier = to_processing(world)
    client.force_login(world.specialist)
    response = client.post(
        action(dossier.code, "forward"),
        {
            "forward-version": dossier.version,
            "forward-attachments": [SimpleUploadedFile("to-trinh.pdf", SCAN, content_type="application/pdf")],
        },
    )
    assert response.status_code == 302
    stored = DossierFile.objects.get(dossier=dossier, name="to-trinh.pdf")

    key = f"media/{stored.file.name}"
    assert bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() == SCAN

    url = reverse("backoffice:file", kwargs={"code": dossier.code, "file_id": stored.pk})
    served = client.get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == SCAN
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Length"] == str(len(SCAN))
    assert served["Cache-Control"] == "private, no-store"

    # The view's permission check still decides: an official of another agency gets nothing.
    client.force_login(world.stranger)
    assert client.get(url).status_code in {403, 404}


def test_s3_needs_a_bucket_and_the_local_folder_is_the_default() -> None:
    store = ObjectStore(
        bucket="", endpoint_url="", region="", access_key="", secret_key="", prefix="", addressing_style=""
    )
    assert file_storage("local", store) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    with pytest.raises(ValueError, match="STORAGE_S3_BUCKET"):
        file_storage("s3", store)
    with pytest.raises(ValueError, match="STORAGE_BACKEND"):
        file_storage("ftp", store)
