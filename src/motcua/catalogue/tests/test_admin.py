import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.catalogue.exchange.document import export_document
from motcua.catalogue.exchange.workbook import write_workbook
from motcua.catalogue.models import Procedure
from motcua.catalogue.tests.factories import make_procedure, version_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = MembershipFactory(role=Role.CATALOGUE_MANAGER, user=UserFactory(is_staff=True)).user
    client.force_login(user)
    return client


@pytest.fixture
def procedure():
    return make_procedure("Đăng ký khai sinh", code="1.001193")


def test_other_staff_cannot_see_the_catalogue_admin(client, procedure):
    client.force_login(MembershipFactory(role=Role.SPECIALIST, user=UserFactory(is_staff=True)).user)
    assert client.get("/admin/catalogue/procedure/").status_code == 403
    assert client.get("/admin/catalogue/procedure/xuat.json").status_code in (302, 403)


def test_manager_sees_list_and_process_diagram(manager, procedure):
    assert "Đăng ký khai sinh" in manager.get("/admin/catalogue/procedure/?q=dang ky").content.decode()
    page = manager.get(f"/admin/catalogue/procedure/{procedure.pk}/change/").content.decode()
    assert "<svg" in page and "Tạo phiên bản mới" in page


def test_manager_creates_a_new_version_from_json(manager, procedure):
    url = f"/admin/catalogue/procedure/{procedure.pk}/phien-ban-moi/"
    assert manager.get(url).status_code == 200
    bad = manager.post(url, {"version": json.dumps(version_data(effective_from="2026-05-01", levels=[]))})
    assert "version.levels" in bad.content.decode()
    response = manager.post(url, {"version": json.dumps(version_data(effective_from="2026-05-01"))})
    assert response.status_code == 302
    assert procedure.versions.count() == 2


def test_export_and_import_round_trip_through_the_admin(manager, procedure):
    xlsx = manager.get("/admin/catalogue/procedure/xuat.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    document = json.loads(manager.get("/admin/catalogue/procedure/xuat.json").content)
    assert document["procedures"][0]["code"] == "1.001193"
    document["procedures"][0]["code"] = "1.001194"
    upload = SimpleUploadedFile("catalogue.json", json.dumps(document).encode(), content_type="application/json")
    assert manager.post("/admin/catalogue/procedure/nhap/", {"file": upload}).status_code == 302
    assert Procedure.objects.filter(code="1.001194").exists()


def test_import_errors_are_listed_and_nothing_is_written(manager, procedure):
    document = export_document()
    document["procedures"][0]["versions"][0]["fees"][0]["amount_vnd"] = "nhiều"
    document["procedures"][0]["code"] = "1.001195"
    upload = SimpleUploadedFile("catalogue.xlsx", write_workbook(document))
    page = manager.post("/admin/catalogue/procedure/nhap/", {"file": upload}).content.decode()
    assert "Trang “Phí, lệ phí”, dòng 2, cột D" in page
    assert not Procedure.objects.filter(code="1.001195").exists()


def test_managers_keep_the_search_synonyms_and_others_cannot(manager, client, procedure):
    from motcua.catalogue.models import CatalogueEvent, SearchSynonym
    from motcua.catalogue.search import search_procedures

    response = manager.post(
        "/admin/catalogue/searchsynonym/add/", {"term": "ĐK KS", "expansion": "đăng ký khai sinh", "is_active": "on"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.get(term="dk ks").expansion == "đăng ký khai sinh"
    assert CatalogueEvent.objects.filter(action="synonym_saved").exists()
    assert search_procedures("dk ks")[0].code == "1.001193"
    duplicate = manager.post("/admin/catalogue/searchsynonym/add/", {"term": "dk  KS", "expansion": "khai sinh"})
    assert "Đã có dòng" in duplicate.content.decode()
    client.force_login(MembershipFactory(role=Role.SPECIALIST, user=UserFactory(is_staff=True)).user)
    assert client.get("/admin/catalogue/searchsynonym/").status_code == 403
