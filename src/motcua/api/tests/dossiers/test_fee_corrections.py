"""Fee adjustment and refund through the API."""

from __future__ import annotations

import pytest

from motcua.api.tests.dossiers.test_api import client_for
from motcua.dossiers.tests.helpers import receive, to_processing

pytestmark = pytest.mark.django_db


def test_adjust_then_refund(world):
    dossier = receive(world, fees_paid=True)
    api = client_for(world.officer)
    base = f"/api/v1/dossiers/{dossier.code}/fees"
    missing = api.post(f"{base}/adjustment/", {"amount_vnd": 20_000}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()["fields"]
    adjusted = api.post(f"{base}/adjustment/", {"amount_vnd": 20_000, "reason": "Thu nhầm mức"}, format="json")
    assert adjusted.status_code == 200, adjusted.json()
    body = adjusted.json()
    assert body["fee_total_vnd"] == 20_000
    assert any(e["action"] == "adjust_fees" for e in body["events"])
    refund = {"amount_vnd": 30_000, "reason": "Thu thừa", "reference": "UNC-9"}
    assert api.post(f"{base}/refunds/", refund, format="json").status_code == 200
    again = api.post(f"{base}/refunds/", refund, format="json")
    assert again.status_code == 400 and again.json()["fields"] == {"amount_vnd": []}


def test_a_specialist_may_not_correct_fees(world):
    dossier = to_processing(world)
    response = client_for(world.specialist).post(
        f"/api/v1/dossiers/{dossier.code}/fees/adjustment/", {"amount_vnd": 0, "reason": "x"}, format="json"
    )
    assert response.status_code == 403
