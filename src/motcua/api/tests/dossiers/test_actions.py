"""One endpoint per workflow action: its own request body in the schema, read by the action's input class."""

from __future__ import annotations

from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

from motcua.api.tests.dossiers.test_api import client_for
from motcua.api.v1.dossiers.actions import camel
from motcua.dossiers import workflow
from motcua.dossiers.constants import Status, StepKind
from motcua.dossiers.tests.helpers import pdf, to_processing, to_resolved


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize("transition", workflow.TRANSITIONS, ids=lambda t: t.name)
def test_each_action_documents_its_own_request_body(schema: dict[str, Any], transition: Any) -> None:
    operation = schema["paths"][f"/api/v1/dossiers/{{code}}/actions/{transition.name}/"]["post"]
    component = f"{camel(transition.name)}ActionRequest"
    for media in ("application/json", "multipart/form-data"):
        assert operation["requestBody"]["content"][media]["schema"]["$ref"] == f"#/components/schemas/{component}"
    body = schema["components"]["schemas"][component]
    specs = transition.input.specs()
    acting = ["acting_agency", "acting_role"] if transition.roles - {workflow.APPLICANT} else []
    assert list(body["properties"]) == ["expected_version", *acting, *specs]
    required = {name for name, spec in specs.items() if spec.required}
    assert set(body["required"]) == {"expected_version", *required}


def test_the_generic_action_route_is_gone_from_the_schema(schema: dict[str, Any]) -> None:
    assert "/api/v1/dossiers/{code}/actions/{action}/" not in schema["paths"]
    assert "ActionRequest" not in schema["components"]["schemas"]  # the former catch-all body


@pytest.mark.django_db
def test_files_and_repeated_fields_are_read_from_multipart(world: Any) -> None:
    dossier = to_processing(world)
    api = client_for(world.specialist)
    url = f"/api/v1/dossiers/{dossier.code}/actions/consult/"
    body = {"expected_version": dossier.version, "agencies": [world.partner.pk], "content": "Xin ý kiến", "days": 2}
    response = api.post(url, body, format="multipart")
    assert response.status_code == 200, response.json()
    assert dossier.steps.get(kind=StepKind.CONSULTATION).agency == world.partner
    answer = client_for(world.partner_specialist).post(
        f"/api/v1/dossiers/{dossier.code}/actions/answer_consultation/",
        {"expected_version": response.json()["version"], "answer": "Thống nhất", "files": [pdf("y-kien.pdf")]},
        format="multipart",
    )
    assert answer.status_code == 200, answer.json()
    assert dossier.files.filter(name="y-kien.pdf").exists()


@pytest.mark.django_db
def test_the_former_return_method_name_is_still_read(world: Any) -> None:
    resolved = to_resolved(world)
    api = client_for(world.officer)
    url = f"/api/v1/dossiers/{resolved.code}/actions/return_result/"
    postal = api.post(url, {"expected_version": resolved.version, "return_method": "postal"}, format="json")
    assert postal.status_code == 400 and postal.json()["fields"] == {
        "shipment_number": ["Cần nhập số vận đơn bưu chính."]
    }
    done = api.post(url, {"expected_version": resolved.version, "return_method": "counter"}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == Status.RETURNED and done.json()["return_method"] == "counter"


@pytest.mark.django_db
def test_an_official_of_another_agency_cannot_be_assigned(world: Any) -> None:
    dossier = to_processing(world)
    response = client_for(world.head).post(
        f"/api/v1/dossiers/{dossier.code}/actions/assign/",
        {"expected_version": dossier.version, "handler": world.partner_specialist.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"handler": ["Cán bộ không hợp lệ."]}
