import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.catalogue.tests.factories import SectorFactory, make_procedure, version_data
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False):
        yield


@pytest.fixture
def catalogue():
    agency = AgencyFactory(identifier_code="H99.501")
    sector = SectorFactory(code="G09-TP01", name="Hộ tịch")
    make_procedure("Đăng ký khai sinh", code="1.001193", sector=sector, competent_agencies=[agency.identifier_code])
    make_procedure("Đăng ký kết hôn", code="1.000894", sector=sector, online_level="none", channels=["counter"])
    make_procedure(
        "Cấp giấy phép xây dựng",
        code="1.013225",
        sector=SectorFactory(code="G05-XD01"),
        levels=["province"],
        online_level="partial",
    )
    return agency


def manager_client():
    membership = MembershipFactory(role=Role.CATALOGUE_MANAGER)
    client = APIClient()
    client.force_authenticate(membership.user)
    return client


def test_list_searches_without_diacritics_and_pages(catalogue):
    response = APIClient().get("/api/v1/procedures/", {"search": "dang ki khai sinh"})
    assert response.status_code == 200
    assert response.json()["results"][0]["code"] == "1.001193"
    assert response.json()["results"][0]["legal_time"]["text"] == "3 ngày làm việc"
    page = APIClient().get("/api/v1/procedures/", {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"level": "province"}, ["1.013225"]),
        ({"online_level": "none"}, ["1.000894"]),
        ({"sector": "G09-TP01"}, ["1.000894", "1.001193"]),
        ({"agency": "H99.501"}, ["1.001193"]),
        ({"sector": "G09-TP01", "search": "ket hon"}, ["1.000894"]),
    ],
)
def test_list_filters(catalogue, params, codes):
    response = APIClient().get("/api/v1/procedures/", params)
    assert sorted(r["code"] for r in response.json()["results"]) == codes


def test_detail_has_fees_components_times_and_process(catalogue):
    body = APIClient().get("/api/v1/procedures/1.001193/").json()
    assert body["fees"][0]["amount_vnd"] == 50000
    assert body["components"][0]["kind"] == "original"
    assert body["legal_time"]["unit"] == "working_days"
    assert [s["order"] for s in body["processes"][0]["steps"]] == [1, 2, 3, 4]
    assert body["competent_agencies"] == [{"identifier_code": "H99.501", "name": catalogue.name}]


def test_unknown_code_is_404_in_the_common_shape(catalogue):
    response = APIClient().get("/api/v1/procedures/9.999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "procedure_not_found"
    assert "9.999999" in response.json()["message"]


def test_anonymous_and_other_officials_cannot_write(catalogue):
    assert APIClient().post("/api/v1/procedures/1.001193/versions/", {}, format="json").status_code in (401, 403)
    specialist = MembershipFactory(role=Role.SPECIALIST).user
    client = APIClient()
    client.force_authenticate(specialist)
    response = client.post("/api/v1/procedures/1.001193/versions/", {"version": version_data()}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_manager_creates_a_new_version(catalogue):
    response = manager_client().post(
        "/api/v1/procedures/1.001193/versions/",
        {"version": version_data(effective_from="2026-03-02", fees=[{"name": "Lệ phí", "amount_vnd": 0}])},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["version"] == 2 and response.json()["fees"][0]["amount_vnd"] == 0
    assert [v["effective_until"] for v in response.json()["versions"]] == ["2026-03-01", None]


def test_manager_write_errors_list_every_field(catalogue):
    response = manager_client().post(
        "/api/v1/procedures/1.001193/versions/",
        {"version": version_data(effective_from="2026-03-02", levels=[], fees=[{"name": ""}])},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "catalogue_invalid"
    assert {"version.levels", "version.fees[1].name"} <= set(body["fields"])


def test_manager_creates_and_archives_a_procedure(catalogue):
    client = manager_client()
    response = client.post(
        "/api/v1/procedures/",
        {"code": "1.004222", "name": "Đăng ký thường trú", "sector": "G09-TP01", "version": version_data()},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (
        client.post(
            "/api/v1/procedures/",
            {"code": "1.004222", "name": "X", "sector": "G09-TP01", "version": version_data()},
            format="json",
        ).status_code
        == 400
    )
    archived = client.post("/api/v1/procedures/1.004222/archive/", {"on": "2026-06-30"}, format="json")
    assert archived.status_code == 200 and archived.json()["status"] == "archived"
    listed = APIClient().get("/api/v1/procedures/", {"search": "thuong tru"}).json()["results"]
    assert listed == []


def test_superuser_may_write(catalogue):
    client = APIClient()
    client.force_authenticate(UserFactory(superuser=True))
    response = client.post("/api/v1/procedures/1.000894/archive/", {"on": "2026-06-30"}, format="json")
    assert response.status_code == 200
