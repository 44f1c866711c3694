"""Open311 GeoReport v2, field by field as the specification lists them, and read by a published client.

``georeport`` (PyPI) is an Open311 client used by existing apps: it reads services, definitions and
requests from a live server in both JSON and XML. It has no call to post a request, so posting follows the
specification with a plain form POST (``api_key`` in the form, 201 with ``service_request_id``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.test import Client
from georeport import GeoReport

from motcua.feedback import services
from motcua.feedback.constants import Channel
from motcua.feedback.tests.conftest import Province, build_province, submission
from motcua.integrations.constants import Scope
from motcua.integrations.tests.factories import make_client

BASE = "/api/open311/v2"
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}


@pytest.fixture
def province(db: Any) -> Province:
    return build_province()


def _key(province: Province, scopes: list[str] | None = None) -> str:
    return make_client(province.coordinator, scopes=scopes or [Scope.REPORTS_WRITE])[1]


def test_services_list_every_active_category_with_the_specification_fields(province: Province, client: Client) -> None:
    body = client.get(f"{BASE}/services.json").json()
    assert {s["service_code"] for s in body} >= {"giao-thong-ha-tang", "thai-do-can-bo", "chieu-sang"}
    for service in body:
        assert set(service) == SERVICE_FIELDS
        assert service["type"] in {"realtime", "batch", "blackbox"} and service["metadata"] is False
    xml = ET.fromstring(client.get(f"{BASE}/services.xml").content)  # noqa: S314
    assert xml.tag == "services" and xml.find("service/service_code") is not None
    definition = client.get(f"{BASE}/services/chieu-sang.json").json()
    assert definition == {"service_code": "chieu-sang", "attributes": []}
    missing = client.get(f"{BASE}/services/khong-co.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404 and missing.json()[0]["description"]


def test_post_a_request_with_a_key_then_read_it_back(province: Province, client: Client) -> None:
    form = {
        "api_key": _key(province),
        "service_code": "giao-thong-ha-tang",
        "lat": "19.807600",
        "long": "105.776800",
        "address_string": "12 Lê Lợi, Hạc Thành",
        "email": "an@example.vn",
        "first_name": "An",
        "last_name": "Nguyễn Văn",
        "phone": "0912345678",
        "description": "Ổ gà sâu trước số 12 Lê Lợi, gọi 0912345678 nếu cần.",
    }
    created = client.post(f"{BASE}/requests.json", form)
    assert created.status_code == 201
    [answer] = created.json()
    code = answer["service_request_id"]
    assert code.startswith("PA-") and answer["service_notice"]

    [request] = client.get(f"{BASE}/requests/{code}.json").json()
    assert set(request) == REQUEST_FIELDS
    assert request["status"] == "open" and request["service_code"] == "giao-thong-ha-tang"
    assert request["agency_responsible"] == province.department.name
    assert request["lat"] == 19.8076 and request["long"] == 105.7768
    assert "0912345678" not in request["description"] and "[đã ẩn]" in request["description"]
    assert request["expected_datetime"] > request["requested_datetime"]

    xml = ET.fromstring(client.get(f"{BASE}/requests/{code}.xml").content)  # noqa: S314
    assert xml.tag == "service_requests" and xml.findtext("request/service_request_id") == code


def test_posting_is_refused_in_open311s_error_format(province: Province, client: Client) -> None:
    no_key = client.post(f"{BASE}/requests.json", {"service_code": "chieu-sang", "lat": "1", "long": "1"})
    assert no_key.status_code == 403 and set(no_key.json()[0]) == {"code", "description"}
    wrong_scope = client.post(f"{BASE}/requests.xml", {"api_key": _key(province, [Scope.DOSSIERS_READ])})
    assert wrong_scope.status_code == 403
    assert ET.fromstring(wrong_scope.content).findtext("error/code") == "403"  # noqa: S314
    bad = client.post(
        f"{BASE}/requests.json",
        {"api_key": _key(province), "service_code": "chieu-sang", "lat": "abc", "long": "1", "description": "x"},
    )
    assert bad.status_code == 400 and all(e["code"] == 400 for e in bad.json())
    for odd in ("1e30", "NaN", "-Infinity", "91.5", " "):
        refused = client.post(
            f"{BASE}/requests.json",
            {
                "api_key": _key(province),
                "service_code": "chieu-sang",
                "lat": odd,
                "long": "1",
                "description": "Đèn hỏng",
            },
        )
        assert refused.status_code == 400, odd
    no_place = client.post(
        f"{BASE}/requests.json",
        {"api_key": _key(province), "service_code": "chieu-sang", "description": "Đèn hỏng cả tuần"},
    )
    assert no_place.status_code == 400 and "vị trí" in no_place.json()[0]["description"]


def test_listing_filters_by_status_service_and_dates_and_hides_staff_conduct(
    province: Province, client: Client
) -> None:
    road = services.submit_feedback(submission(), channel=Channel.PORTAL)
    services.submit_feedback(submission(category="thai-do-can-bo", anonymous=True), channel=Channel.PORTAL)
    light = services.submit_feedback(
        submission(category="chieu-sang", latitude=Decimal("19.8"), longitude=Decimal("105.7")), channel=Channel.PORTAL
    )
    services.reject(light, actor=province.coordinator, reason="Trùng")
    listed = client.get(f"{BASE}/requests.json").json()
    assert {r["service_request_id"] for r in listed} == {road.code, light.code}
    assert [r["service_request_id"] for r in client.get(f"{BASE}/requests.json?status=closed").json()] == [light.code]
    assert [
        r["service_request_id"] for r in client.get(f"{BASE}/requests.json?service_code=giao-thong-ha-tang").json()
    ] == [road.code]
    assert (
        client.get(f"{BASE}/requests.json?start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z").json() == []
    )
    for query in (
        "status=pending",
        "start_date=yesterday",
        "start_date=2000-01-01T00:00:00Z&end_date=2001-01-01T00:00:00Z",
    ):
        refused = client.get(f"{BASE}/requests.json?{query}")
        assert refused.status_code == 400 and refused.json()[0]["code"] == 400
    assert client.get(f"{BASE}/requests.txt").status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_a_published_open311_client_reads_services_and_requests(live_server: Any, output_format: str) -> None:
    province = build_province()
    item = services.submit_feedback(submission(), channel=Channel.PORTAL)
    services.reject(item, actor=province.coordinator, reason="Thử")
    georeport = GeoReport(f"{live_server.url}{BASE}", output_format=output_format)
    codes = {service["service_code"] for service in georeport.get_service_list()}
    assert "giao-thong-ha-tang" in codes
    definition = georeport.get_service_definition("giao-thong-ha-tang")
    assert definition["service_code"] == "giao-thong-ha-tang"
    listed = georeport.get_service_requests(service_code="giao-thong-ha-tang", status="closed")
    listed = listed if isinstance(listed, list) else [listed]  # xmltodict gives one dict for one element
    assert [r["service_request_id"] for r in listed] == [item.code]
    one = georeport.get_service_request(item.code)
    assert one["status"] == "closed" and one["service_name"]
    assert json.dumps(one, ensure_ascii=False).count("0912345678") == 0
