"""Filing a procedure group on the portal: one e-form, every procedure's documents on one page, one code."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from motcua.catalogue.services import save_group
from motcua.catalogue.tests.factories import make_procedure
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierGroup
from motcua.dossiers.tests.conftest import build_world
from motcua.portal.tests.conftest import make_citizen, pdf

pytestmark = pytest.mark.django_db

APPLICANT = {
    "full_name": "Nguyễn Thị Lan",
    "id_number": "025195000123",
    "phone": "0912345678",
    "email": "lan@example.vn",
    "address": "Số 1 Hùng Vương, phường Việt Trì",
    "summary": "Đăng ký cho con",
}


@pytest.fixture
def world(db: Any, frozen: Any) -> Any:
    # No fee: the group is sent without an online payment.
    world = build_world(fees=[])
    insurance = make_procedure(
        "Cấp thẻ bảo hiểm y tế", competent_agencies=[world.partner.identifier_code], levels=["province"], fees=[]
    )
    world.group = save_group(
        actor=None, code="LT-THU", name="Liên thông thử nghiệm", procedures=[world.procedure, insurance]
    )
    world.insurance = insurance
    return world


def start(client: Any, world: Any) -> DossierGroup:
    page = client.get(reverse("portal:group_detail", args=[world.group.code])).content.decode()
    assert world.procedure.name in page and "Nộp hồ sơ liên thông trực tuyến" in page
    form = {**APPLICANT, "agency": world.centre.pk}
    answer = client.post(reverse("portal:group_start", args=[world.group.code]), form)
    filing = DossierGroup.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("portal:group_application", args=[filing.reference])
    return filing


def files_for(filing: DossierGroup) -> dict[str, Any]:
    return {
        f"file_{row.pk}": pdf(f"{row.pk}.pdf")
        for dossier in filing.dossiers.all()
        for row in dossier.components.filter(catalogue_component__isnull=False)
    }


def test_a_group_is_filed_once_and_followed_under_one_code(citizen_client, world):
    filing = start(citizen_client, world)
    url = reverse("portal:group_application", args=[filing.reference])
    page = citizen_client.get(url).content.decode()
    assert world.procedure.name in page and world.insurance.name in page
    refused = citizen_client.post(url, {"action": "submit", "delivery_method": "counter"})
    assert refused.status_code == 400 and "Có nội dung cần sửa" in refused.content.decode()
    assert set(Dossier.objects.values_list("status", flat=True)) == {Status.DRAFT}
    body = {"action": "submit", "delivery_method": "counter", **files_for(filing)}
    sent = citizen_client.post(url, body, follow=True)
    html = sent.content.decode()
    filing.refresh_from_db()
    assert filing.code and f"Mã hồ sơ liên thông: {filing.code}" in html and "Chờ tiếp nhận" in html
    assert [d.status for d in filing.dossiers.all()] == [Status.SUBMITTED, Status.SUBMITTED]
    for dossier in filing.dossiers.all():
        assert dossier.code in html and dossier.competent_agency.name in html
    mine = citizen_client.get(reverse("portal:my_dossiers")).content.decode()
    assert mine.count(filing.code) == 2 and reverse("portal:group_application", args=[filing.reference]) in mine


def test_another_citizen_cannot_open_the_application(citizen_client, client, world):
    filing = start(citizen_client, world)
    other = make_citizen("0987654321", "025195000456")
    client.force_login(other)
    assert client.get(reverse("portal:group_application", args=[filing.reference])).status_code == 404
