"""The registers through the API: an official reads what their roles let them read, with filters."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from motcua.records import incoming
from motcua.records.models import Source
from motcua.records.tests.conftest import MONDAY_9AM, Pair, build_pair, sample_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db: Any) -> Pair:
    return build_pair()


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_clerk_reads_the_incoming_register_and_a_document(pair: Pair) -> None:
    office = pair.justice
    data = incoming.IncomingData(
        sender="UBND tỉnh",
        number_notation="45/UBND-NC",
        document_type="Công văn",
        document_date=date(2026, 2, 27),
        summary="Rà soát thủ tục hành chính",
        files=[("cv.pdf", sample_pdf())],
    )
    document = incoming.receive(office.agency, data, source=Source.UPLOAD, actor=office.clerk, now=MONDAY_9AM)
    clerk = _client(office.clerk)
    rows = clerk.get("/api/v1/documents/incoming/?year=2026&q=ra soat").json()
    assert [row["number_notation"] for row in rows] == ["45/UBND-NC"]
    assert rows[0]["register_number"] == "1/2026"
    item = clerk.get(f"/api/v1/documents/incoming/{document.pk}/").json()
    assert item["history"][0]["action"] == "receive"
    assert clerk.get("/api/v1/documents/outgoing/").json() == []
    assert _client(pair.building.clerk).get(f"/api/v1/documents/incoming/{document.pk}/").status_code == 404
    assert _client(office.specialist).get("/api/v1/documents/incoming/").json() == []  # not led by its division
