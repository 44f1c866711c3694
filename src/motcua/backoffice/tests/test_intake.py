"""Counter intake in one screen: search, applicant lookup, due preview, accept / supplement / refuse."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.tests.factories import ApplicantFactory
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db
INTAKE = reverse("backoffice:intake")


def _component_id(world: Any) -> int:
    return world.procedure.versions.get().components.get().pk


def _post(client: Client, world: Any, decision: str, *, received: bool = True, **extra: Any) -> Any:
    cid = _component_id(world)
    data = {
        "procedure": world.procedure.code,
        "applicant-kind": "citizen",
        "applicant-full_name": "Nguyễn Thị Hồng Nhung",
        "applicant-id_number": "038190000123",
        "applicant-phone": "+84912345678",
        "channel": "counter",
        "payment_method": "cash",
        f"comp-{cid}-kind": "original",
        f"comp-{cid}-copies": "1",
        f"comp-{cid}-pages": "3",
        f"comp-{cid}-files": [SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4", content_type="application/pdf")],
        "decision": decision,
        **extra,
    }
    if received:
        data[f"comp-{cid}-received"] = "on"
    return client.post(INTAKE, data)


def test_search_without_diacritics_lists_the_procedure(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    html = client.get(reverse("backoffice:intake_search"), {"q": "ly lich tu phap"}).content.decode()
    assert "Cấp phiếu lý lịch tư pháp cho công dân" in html
    assert 'href="?procedure=1.001193"' in html
    html = client.get(INTAKE, {"q": "LY LICH"}).content.decode()  # works without JavaScript too
    assert "Cấp phiếu lý lịch tư pháp cho công dân" in html


def test_chosen_procedure_shows_checklist_fees_and_due_moment(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    html = client.get(INTAKE, {"procedure": "1.001193"}).content.decode()
    assert "Tờ khai" in html and "bắt buộc" in html
    assert "50.000 đ" in html
    assert "09:00 ngày 05/03/2026" in html  # Monday 09:00 + 3 working days
    partial = client.get(reverse("backoffice:intake_due"), {"procedure": "1.001193"}).content.decode()
    assert "09:00 ngày 05/03/2026" in partial


def test_applicant_lookup_fills_known_person(client: Client, world: Any) -> None:
    ApplicantFactory(full_name="Trần Thị Đã Biết", id_number="025095000042", phone="0900000042")
    client.force_login(world.officer)
    html = client.get(reverse("backoffice:intake_applicant"), {"applicant-id_number": "025095000042"}).content.decode()
    assert 'value="Trần Thị Đã Biết"' in html and 'value="0900000042"' in html
    assert "Đã tìm thấy" in html


def test_accept_registers_the_dossier_and_offers_form_01(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    response = _post(client, world, "accept")
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("backoffice:dossier", kwargs={"code": dossier.code}) + "?in-mau=01"
    assert dossier.status == Status.ACCEPTED
    assert dossier.applicant_phone == "0912345678"
    component = dossier.components.get()
    assert (component.page_count, component.digitised) == (3, True)
    html = client.get(response["Location"]).content.decode()
    assert f"Đã ghi nhận hồ sơ {dossier.code}" in html
    assert f'href="/can-bo/ho-so/{dossier.code}/mau-01.pdf" target="_blank" rel="noopener" autofocus>In Mẫu 01' in html


def test_accept_with_a_missing_mandatory_component_is_refused(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    response = _post(client, world, "accept", received=False)
    assert response.status_code == 400
    assert "Còn thành phần bắt buộc chưa nhận" in response.content.decode()
    assert not Dossier.objects.exists()
    assert 'value="Nguyễn Thị Hồng Nhung"' in response.content.decode()  # input kept
    assert "Các tệp bản quét đã chọn cần được chọn lại" in response.content.decode()


def test_incomplete_dossier_gets_one_supplement_request_listing_every_item(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    response = _post(client, world, "request_supplement", received=False, supplement_items="Bản sao CCCD\n\n")
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"].endswith("?in-mau=02")
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    assert dossier.supplement_requests.get().items == ["Tờ khai", "Bản sao CCCD"]


def test_refuse_needs_a_reason(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    response = _post(client, world, "refuse")
    assert response.status_code == 400
    assert "Cần ghi rõ lý do từ chối tiếp nhận." in response.content.decode()
    response = _post(client, world, "refuse", reason="Không thuộc thẩm quyền")
    assert response.status_code == 302
    assert Dossier.objects.get().status == Status.REFUSED_AT_INTAKE


def test_invalid_applicant_data_is_tied_to_the_fields(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    response = _post(client, world, "accept", **{"applicant-id_number": "12345"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Số định danh cá nhân gồm đúng 12 chữ số." in html
    assert 'aria-invalid="true"' in html


def test_postal_intake_needs_the_shipment_number(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    response = _post(client, world, "accept", channel="postal")
    assert response.status_code == 400
    assert "Cần nhập số vận đơn bưu chính." in response.content.decode()


def test_the_result_delivery_is_recorded_at_the_counter_and_shown(client: Client, world: Any) -> None:
    client.force_login(world.officer)
    page = client.get(INTAKE, {"procedure": world.procedure.code}).content.decode()
    assert 'name="result_delivery"' in page and 'name="delivery_address"' in page
    missing = _post(client, world, "accept", result_delivery="postal")
    assert missing.status_code == 400 and "Nhập địa chỉ nhận kết quả qua bưu chính." in missing.content.decode()
    response = _post(client, world, "accept", result_delivery="postal", delivery_address="Thôn 3, xã Yên Lạc")
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.result_delivery, dossier.delivery_address) == ("postal", "Thôn 3, xã Yên Lạc")
    html = client.get(response["Location"]).content.decode()
    assert "Qua dịch vụ bưu chính công ích · Thôn 3, xã Yên Lạc" in html


def test_a_verified_exemption_is_recorded_and_waives_the_exempt_rows(client: Client, world: Any) -> None:
    from motcua.catalogue.models import Fee
    from motcua.core.caches import clear_all
    from motcua.dossiers.models import Dossier

    Fee.objects.filter(version__procedure=world.procedure).update(exemptions="Người thuộc hộ nghèo")
    clear_all()
    client.force_login(world.officer)
    assert "Trường hợp được miễn phí, lệ phí" in client.get(INTAKE, {"procedure": "1.001193"}).content.decode()
    response = _post(client, world, "accept", fee_exemption="Người thuộc hộ nghèo, sổ số 12")
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.fee_total_vnd == 0
    assert dossier.events.get(action="register").data["fee_exemption"] == "Người thuộc hộ nghèo, sổ số 12"
