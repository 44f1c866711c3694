"""Official documents in the back office: the clerk receives and registers, the leader directs, the lead
unit handles and completes; a draft goes through review, approval, signature, numbering and issue to the
other agency's queue. Each role sees its own buttons; other agencies get a 404; the registers export."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import User
from motcua.records.models import IncomingDocument, IncomingStatus, OutgoingDocument, OutgoingStatus
from motcua.records.tests.conftest import Pair, build_pair, sample_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db: Any, frozen: Any) -> Pair:
    return build_pair()


@pytest.fixture
def frozen() -> Any:
    import time_machine

    from motcua.records.tests.conftest import MONDAY_9AM

    with time_machine.travel(MONDAY_9AM, tick=True) as traveller:
        yield traveller


def _as(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _actions(client: Client, url: str) -> set[str]:
    return set(re.findall(r"thao-tac/([a-z_]+)/", client.get(url).content.decode()))


def _pdf(name: str = "van-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample_pdf(), content_type="application/pdf")


def test_incoming_from_reception_to_completion(pair: Pair) -> None:
    office = pair.justice
    clerk = _as(office.clerk)
    assert clerk.get("/can-bo/").url == "/can-bo/van-ban/den/"
    response = clerk.post(
        "/can-bo/van-ban/den/tiep-nhan/",
        {
            "source": "paper",
            "sender": "Ủy ban nhân dân tỉnh Phú Thọ",
            "number_notation": "45/UBND-NC",
            "document_date": "2026-02-27",
            "document_type": "Công văn",
            "summary": "V/v rà soát thủ tục hành chính",
            "urgency": "normal",
            "pages": "2",
            "main_file": _pdf(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = IncomingDocument.objects.get()
    url = f"/can-bo/van-ban/den/{document.pk}/"
    assert _actions(clerk, url) == {"link_dossier"}
    leader = _as(office.leader)
    assert "direct" in _actions(leader, url)
    response = leader.post(
        f"{url}thao-tac/direct/", {"lead_unit": office.division.pk, "due_days": "3", "note": "Giao phòng chủ trì"}
    )
    assert response.status_code == 302
    specialist = _as(office.specialist)
    assert _actions(specialist, url) == {"progress", "complete"}
    assert specialist.post(f"{url}thao-tac/complete/", {}).status_code == 400  # the result is required
    assert specialist.post(f"{url}thao-tac/complete/", {"result": "Đã báo cáo"}).status_code == 302
    document.refresh_from_db()
    assert document.status == IncomingStatus.COMPLETED
    page = clerk.get(url).content.decode()
    assert "Đã báo cáo" in page and "Bút phê, giao xử lý" in page
    # Another agency's clerk does not find it; a one-stop officer has no document role.
    assert _as(pair.building.clerk).get(url).status_code == 404
    workbook = load_workbook(io.BytesIO(clerk.get("/can-bo/van-ban/so/den/2026.xlsx").content))
    assert workbook.active["D3"].value == "45/UBND-NC"
    assert _as(office.specialist).get("/can-bo/van-ban/so/den/2026.xlsx").status_code == 403


def test_outgoing_from_draft_to_receipt_by_another_agency(pair: Pair, give_key: Any) -> None:
    office = pair.justice
    give_key(agency=office.agency)
    give_key(user=office.leader)
    specialist = _as(office.specialist)
    response = specialist.post(
        "/can-bo/van-ban/di/soan-thao/",
        {
            "document_type": "Công văn",
            "notation": "STP-HCTP",
            "summary": "V/v xin ý kiến hồ sơ cấp phép",
            "urgency": "normal",
            "main_file": _pdf(),
            "internal_recipients": [pair.building.agency.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = OutgoingDocument.objects.get()
    url = f"/can-bo/van-ban/di/{document.pk}/"
    assert specialist.post(f"{url}thao-tac/submit/", {}).status_code == 302
    head = _as(office.head)
    assert head.post(f"{url}thao-tac/review/", {"approver": office.leader.pk}).status_code == 302
    leader = _as(office.leader)
    assert leader.post(f"{url}thao-tac/approve/", {"signer_title": "GIÁM ĐỐC"}).status_code == 302
    assert leader.post(f"{url}thao-tac/sign/", {}).status_code == 302
    clerk = _as(office.clerk)
    assert clerk.post(f"{url}thao-tac/number/", {"notation": "STP-HCTP"}).status_code == 302
    assert clerk.post(f"{url}thao-tac/issue/", {}).status_code == 400  # must confirm
    assert clerk.post(f"{url}thao-tac/issue/", {"confirm": "on"}).status_code == 302
    document.refresh_from_db()
    assert document.status == OutgoingStatus.ISSUED
    assert clerk.get(f"{url}edxml.xml").content.startswith(b"<?xml")
    # Sở Xây dựng's clerk finds it waiting and registers it; the sender sees "accepted".
    other = _as(pair.building.clerk)
    assert "01/STP-HCTP" in other.get("/can-bo/van-ban/den/").content.decode()
    received = IncomingDocument.objects.get(agency=pair.building.agency)
    assert other.post(f"/can-bo/van-ban/den/{received.pk}/thao-tac/register/", {}).status_code == 302
    assert "Đã tiếp nhận" in clerk.get(url).content.decode()


def test_deadlines_page_and_filters(pair: Pair) -> None:
    clerk = _as(pair.justice.clerk)
    assert clerk.get("/can-bo/van-ban/han-xu-ly/").status_code == 200
    assert clerk.get("/can-bo/van-ban/den/?q=ra+soat&trang_thai=registered&nam=2026&do_khan=urgent").status_code == 200
    assert clerk.get("/can-bo/van-ban/di/?nam=abc").status_code == 200
    assert (
        clerk.post("/can-bo/van-ban/den/goi-tin/", {"package": SimpleUploadedFile("x.xml", b"<a/>")}).status_code == 400
    )


def test_a_document_linked_to_a_dossier_shows_on_both_pages(pair: Pair) -> None:
    from motcua.dossiers.tests.conftest import build_world
    from motcua.dossiers.tests.helpers import to_processing

    world = build_world()
    dossier = to_processing(world)
    office = pair.justice
    clerk = _as(office.clerk)
    response = clerk.post(
        "/can-bo/van-ban/den/tiep-nhan/",
        {
            "source": "upload",
            "sender": world.partner.name,
            "number_notation": "08/STC-QLG",
            "document_date": "2026-03-02",
            "document_type": "Công văn",
            "summary": "Trả lời xin ý kiến về hồ sơ",
            "urgency": "normal",
            "dossier_code": dossier.code,
            "main_file": _pdf(),
        },
    )
    assert response.status_code == 302
    document = IncomingDocument.objects.get()
    assert f"/can-bo/ho-so/{dossier.code}/" in clerk.get(f"/can-bo/van-ban/den/{document.pk}/").content.decode()
    page = _as(world.specialist).get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "08/STC-QLG" in page and 'id="dossier-documents"' in page
