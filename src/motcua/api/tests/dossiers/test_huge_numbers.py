"""Numbers beyond what the database holds are a clear 400, never a 500 (integer overflow)."""

from __future__ import annotations

import pytest

from motcua.api.tests.dossiers.test_api import client_for, intake_payload
from motcua.dossiers.tests.helpers import receive, to_processing

pytestmark = pytest.mark.django_db

HUGE = 10**20


def test_intake_with_a_huge_fee_is_a_field_error(world):
    payload = intake_payload(world, fees=[{"name": "Lệ phí", "amount_vnd": HUGE}])
    response = client_for(world.officer).post("/api/v1/dossiers/", payload, format="json")
    assert response.status_code == 400, response.content
    assert "fees" in response.json()["fields"]


@pytest.mark.parametrize(("path", "payload"), [
    ("fees/adjustment/", {"amount_vnd": HUGE, "reason": "Sửa"}),
    ("fees/refunds/", {"amount_vnd": HUGE, "reason": "Hoàn", "reference": "UNC-1"}),
])  # fmt: skip
def test_fee_corrections_with_huge_amounts_are_field_errors(world, path, payload):
    dossier = receive(world, fees_paid=True)
    response = client_for(world.officer).post(f"/api/v1/dossiers/{dossier.code}/{path}", payload, format="json")
    assert response.status_code == 400, response.content
    assert "amount_vnd" in response.json()["fields"]


@pytest.mark.parametrize(("action", "field", "value"), [
    ("request_financial_obligation", "amount_vnd", HUGE),
    ("request_financial_obligation", "expected_version", HUGE),
    ("transfer_to_level", "agency", HUGE),  # each action's body has its own fields
])  # fmt: skip
def test_actions_with_huge_numbers_are_field_errors(world, action, field, value):
    dossier = to_processing(world)
    payload = {"expected_version": dossier.version, "content": "x", field: value}
    response = client_for(world.specialist).post(
        f"/api/v1/dossiers/{dossier.code}/actions/{action}/", payload, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
