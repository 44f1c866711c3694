"""Dossier API: intake, list and filters, actions with optimistic locking, forms, public lookup."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from motcua.dossiers.constants import Status
from motcua.dossiers.tests.helpers import receive, to_processing

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def intake_payload(world: Any, **overrides: Any) -> dict[str, Any]:
    payload = {
        "receiving_agency": world.centre.pk,
        "procedure": world.procedure.code,
        "applicant": {"full_name": "Lê Văn Đức", "id_number": "038090000777", "phone": "0987654321"},
        "components": [{"name": "Tờ khai", "page_count": 1}],
    }
    payload.update(overrides)
    return payload


def test_intake_through_the_api(world):
    response = client_for(world.officer).post("/api/v1/dossiers/", intake_payload(world), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"] == "000.00.06.H56-260302-0001"
    assert body["status"] == Status.ACCEPTED and body["dvcqg_status"] == "new"
    assert body["forms"] == ["01", "06"]
    detail = client_for(world.officer).get(response["Location"]).json()
    assert [a["name"] for a in detail["available_actions"]] == ["withdraw_request", "stop"]


def test_intake_errors_are_json_with_codes(world):
    api = client_for(world.officer)
    response = api.post("/api/v1/dossiers/", {"procedure": "x"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert "receiving_agency" in response.json()["fields"]
    response = api.post("/api/v1/dossiers/", intake_payload(world, procedure="9.999999"), format="json")
    assert response.status_code == 404 and response.json()["code"] == "procedure_not_found"
    response = client_for(world.stranger).post("/api/v1/dossiers/", intake_payload(world), format="json")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert APIClient().post("/api/v1/dossiers/", intake_payload(world), format="json").status_code == 401


def test_list_is_scoped_and_filtered(world):
    mine = receive(world)
    refused = receive(world, decision="refuse", reason="Không thuộc thẩm quyền")
    api = client_for(world.specialist)
    codes = [d["code"] for d in api.get("/api/v1/dossiers/").json()["results"]]
    assert codes == [mine.code]  # the refused one never reached the department
    officer = client_for(world.officer)
    assert {d["code"] for d in officer.get("/api/v1/dossiers/").json()["results"]} == {mine.code, refused.code}
    only = officer.get("/api/v1/dossiers/", {"status": Status.REFUSED_AT_INTAKE}).json()["results"]
    assert [d["code"] for d in only] == [refused.code]
    assert client_for(world.partner_specialist).get("/api/v1/dossiers/").json()["results"] == []
    assert officer.get("/api/v1/dossiers/", {"status": "abc"}).json()["code"] == "invalid"
    boxed = api.get("/api/v1/dossiers/", {"box": "to_process"}).json()["results"]
    assert [d["code"] for d in boxed] == [mine.code]


def test_inbox_box_is_read_in_one_membership(world):
    from motcua.accounts.models import Membership

    mine = receive(world)
    head = client_for(world.head)
    assert [d["code"] for d in head.get("/api/v1/dossiers/", {"box": "to_assign"}).json()["results"]] == [mine.code]
    assert head.get("/api/v1/dossiers/", {"box": "to_receive"}).json()["code"] == "permission_denied"
    assert head.get("/api/v1/dossiers/", {"box": "nope"}).json()["fields"]["box"][0] == "to_receive"
    # The head also receives at the centre: "to_process"-like boxes shared by both roles need a choice.
    Membership.objects.create(user=world.head, agency=world.centre, role="one_stop_officer")
    ambiguous = head.get("/api/v1/dossiers/", {"box": "overdue"})
    assert ambiguous.status_code == 400 and ambiguous.json()["code"] == "invalid"
    chosen = head.get("/api/v1/dossiers/", {"box": "all", "agency": world.centre.pk, "role": "one_stop_officer"})
    assert [d["code"] for d in chosen.json()["results"]] == [mine.code]


def test_action_with_expected_version_and_conflict(world):
    dossier = to_processing(world)
    api = client_for(world.specialist)
    url = f"/api/v1/dossiers/{dossier.code}/actions/forward/"
    stale = api.post(url, {"expected_version": dossier.version - 1}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    ok = api.post(url, {"expected_version": dossier.version, "note": "Đủ điều kiện"}, format="json")
    assert ok.status_code == 200, ok.json()
    assert ok.json()["version"] == dossier.version + 1
    again = api.post(url, {"expected_version": dossier.version + 1}, format="json")
    assert again.status_code == 403  # the dossier moved to the leader's step


def test_illegal_and_unknown_actions(world):
    dossier = receive(world)
    api = client_for(world.officer)
    response = api.post(f"/api/v1/dossiers/{dossier.code}/actions/accept/", {"expected_version": 2}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "action_not_allowed"
    response = api.post(f"/api/v1/dossiers/{dossier.code}/actions/fly/", {"expected_version": 2}, format="json")
    assert response.status_code == 404 and response.json()["code"] == "unknown_action"
    missing = api.post(f"/api/v1/dossiers/{dossier.code}/actions/stop/", {}, format="json")
    assert missing.status_code == 400 and "expected_version" in missing.json()["fields"]


def test_form_pdf_and_detail_visibility(world):
    dossier = receive(world)
    response = client_for(world.officer).get(f"/api/v1/dossiers/{dossier.code}/forms/01.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    missing = client_for(world.officer).get(f"/api/v1/dossiers/{dossier.code}/forms/03.pdf")
    assert missing.status_code == 404 and missing.json()["code"] == "form_not_available"
    hidden = client_for(world.partner_specialist).get(f"/api/v1/dossiers/{dossier.code}/")
    assert hidden.status_code == 404 and hidden.json()["code"] == "dossier_not_found"


def test_public_lookup_needs_phone_or_id_and_hides_officials(world):
    dossier = receive(world)
    anonymous = APIClient()
    url = f"/api/v1/public/dossiers/{dossier.code}/"
    assert anonymous.get(url).json()["code"] == "invalid"
    assert anonymous.get(url, {"phone": "0900000000"}).status_code == 404
    body = anonymous.get(url, {"phone": "0912345678"}).json()
    assert body["status"] == Status.ACCEPTED and body["current_step"] == "Thẩm định"
    assert "Cán bộ motcua" not in str(body) and "actor" not in str(body)
    assert anonymous.get(url, {"id_number": "038190000123"}).status_code == 200
    assert anonymous.get("/api/v1/public/dossiers/NOPE/", {"phone": "0912345678"}).status_code == 404


def test_register_xlsx(world):
    receive(world)
    api = client_for(world.officer)
    response = api.get(
        "/api/v1/dossiers/register.xlsx", {"agency": world.centre.pk, "start": "2026-03-01", "end": "2026-03-31"}
    )
    assert response.status_code == 200 and response.content[:2] == b"PK"
    other = client_for(world.partner_specialist).get(
        "/api/v1/dossiers/register.pdf", {"agency": world.centre.pk, "start": "2026-03-01", "end": "2026-03-31"}
    )
    assert other.status_code == 404


@pytest.mark.parametrize(
    ("action", "payload", "field"),
    [
        ("extend", {"new_due_at": "ngày mai"}, "new_due_at"),
        ("extend", {"reason": "Chậm"}, "new_due_at"),
        ("consult", {"agencies": [999999], "content": "Xin ý kiến"}, "agencies"),
        ("assign", {}, "handler"),
        ("transfer_to_level", {"content": "Liên thông"}, "agency"),
        ("request_financial_obligation", {"amount_vnd": -5}, "amount_vnd"),
        ("request_supplement", {"items": []}, "items"),
    ],
)
def test_bad_action_inputs_are_field_errors_not_500(world, action, payload, field):
    dossier = to_processing(world)
    actor = world.head if action == "assign" else world.specialist
    response = client_for(actor).post(
        f"/api/v1/dossiers/{dossier.code}/actions/{action}/",
        {"expected_version": dossier.version, **payload},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid" and field in response.json()["fields"]


def test_intake_records_the_result_delivery_and_the_return_follows_it(world):
    from motcua.dossiers.tests.helpers import to_resolved

    api = client_for(world.officer)
    missing = api.post("/api/v1/dossiers/", intake_payload(world, result_delivery="postal"), format="json")
    assert missing.status_code == 400 and missing.json()["fields"] == {
        "delivery_address": ["Nhập địa chỉ nhận kết quả qua bưu chính."]
    }
    payload = intake_payload(world, result_delivery="postal", delivery_address="Thôn 3, xã Yên Lạc")
    response = api.post("/api/v1/dossiers/", payload, format="json")
    assert response.status_code == 201, response.json()
    detail = api.get(response["Location"]).json()
    assert (detail["result_delivery"], detail["delivery_address"]) == ("postal", "Thôn 3, xã Yên Lạc")
    resolved = to_resolved(world)
    resolved.__class__.objects.filter(pk=resolved.pk).update(result_delivery="postal", delivery_address="Thôn 3")
    url = f"/api/v1/dossiers/{resolved.code}/actions/return_result/"
    no_shipment = api.post(url, {"expected_version": resolved.version}, format="json")
    assert no_shipment.status_code == 400 and "shipment_number" in no_shipment.json()["fields"]
    done = api.post(url, {"expected_version": resolved.version, "shipment_number": "EB1VN"}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["return_method"] == "postal" and done.json()["return_shipment_number"] == "EB1VN"


def test_action_records_the_membership_named_in_the_request(world):
    from motcua.accounts.tests.factories import MembershipFactory
    from motcua.dossiers.models import DossierEvent

    MembershipFactory(user=world.head, agency=world.department, role="specialist")
    dossier = receive(world)
    api = client_for(world.head)
    url = f"/api/v1/dossiers/{dossier.code}/actions/forward/"
    half = api.post(url, {"expected_version": dossier.version, "acting_role": "specialist"}, format="json")
    assert half.status_code == 400 and "acting_agency" in half.json()["fields"]
    payload = {"expected_version": dossier.version, "acting_agency": world.department.pk, "acting_role": "leader"}
    assert api.post(url, payload, format="json").status_code == 403  # a role the official does not hold
    payload["acting_role"] = "head_of_division"
    assert api.post(url, payload, format="json").status_code == 200
    assert DossierEvent.objects.get(dossier=dossier, action="forward").role == "head_of_division"


def test_accepting_through_the_api_needs_every_mandatory_component(world):
    api = client_for(world.officer)
    payload = intake_payload(world, components=[{"name": "Bản sao CCCD", "page_count": 1}])
    response = api.post("/api/v1/dossiers/", payload, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == "incomplete"
    assert response.json()["fields"]["components"] == ["Chưa nhận: Tờ khai."]
    component = world.procedure.versions.get().components.get()
    payload["components"] = [{"component_id": component.pk, "page_count": 1}]
    assert api.post("/api/v1/dossiers/", payload, format="json").status_code == 201


def test_a_contact_of_another_identity_needs_the_officers_explicit_choice(world):
    api = client_for(world.officer)
    assert api.post("/api/v1/dossiers/", intake_payload(world), format="json").status_code == 201
    other = {"full_name": "Phạm Thị Thu", "id_number": "038190000888", "phone": "0987654321"}
    response = api.post("/api/v1/dossiers/", intake_payload(world, applicant=other), format="json")
    assert response.status_code == 400 and response.json()["code"] == "contact_of_other_identity"
    assert list(response.json()["fields"]) == ["phone"]
    confirmed = intake_payload(world, applicant={**other, "use_contact_anyway": True})
    assert api.post("/api/v1/dossiers/", confirmed, format="json").status_code == 201
