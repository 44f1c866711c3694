"""Claiming an exempt case on the portal before paying: the review page, the amount, the way back."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from motcua.dossiers.constants import Status
from motcua.dossiers.tests.conftest import build_world
from motcua.portal.tests.conftest import pdf
from motcua.portal.tests.test_submission import _draft, _pay_in_sandbox, _upload

pytestmark = pytest.mark.django_db

FEES = [
    {"name": "Lệ phí cấp phiếu", "amount_vnd": 200_000},
    {"name": "Phí cung cấp thông tin", "amount_vnd": 50_000, "exemptions": "Người thuộc hộ nghèo, hộ cận nghèo"},
]


@pytest.fixture
def world(db: Any, frozen: Any) -> Any:
    return build_world(fees=FEES)


def review(client: Any, dossier: Any) -> str:
    return client.get(reverse("portal:draft_review", args=[dossier.reference])).content.decode()


def claim(client: Any, dossier: Any, **data: str) -> Any:
    return client.post(reverse("portal:draft_exemption", args=[dossier.reference]), data, follow=True)


def test_a_citizen_claims_an_exempt_case_and_pays_the_rest(citizen_client, world):
    dossier = _draft(citizen_client, world)
    _upload(citizen_client, dossier, [pdf()], delivery_method="counter")
    page = review(citizen_client, dossier)
    assert "Thanh toán trực tuyến 250.000 đ" in page
    assert "Tôi thuộc trường hợp được miễn phí, lệ phí" in page and "Người thuộc hộ nghèo, hộ cận nghèo" in page
    answer = claim(citizen_client, dossier, fee_exemption="Hộ nghèo, sổ số 45/2026").content.decode()
    assert "Đã ghi nhận trường hợp miễn phí, lệ phí" in answer
    assert "Bạn khai thuộc trường hợp được miễn: Hộ nghèo, sổ số 45/2026" in answer
    assert "Thanh toán trực tuyến 200.000 đ" in answer
    _pay_in_sandbox(citizen_client, dossier)
    paid = review(citizen_client, dossier)
    assert "Bỏ khai miễn" not in paid  # a paid draft keeps what it paid for
    assert "ghi nhận trường hợp" not in claim(citizen_client, dossier, action="withdraw").content.decode()
    citizen_client.post(reverse("portal:draft_submit", args=[dossier.reference]))
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED and dossier.fee_total_vnd == 200_000
    assert dossier.fee_exemption == "Hộ nghèo, sổ số 45/2026"


def test_a_claim_can_be_withdrawn_and_an_empty_one_is_refused(citizen_client, world):
    dossier = _draft(citizen_client, world)
    assert "Ghi rõ trường hợp được miễn" in claim(citizen_client, dossier, fee_exemption="  ").content.decode()
    claim(citizen_client, dossier, fee_exemption="Hộ cận nghèo")
    answer = claim(citizen_client, dossier, action="withdraw").content.decode()
    assert "Đã bỏ khai miễn phí, lệ phí" in answer and "Thanh toán trực tuyến 250.000 đ" in answer
    dossier.refresh_from_db()
    assert dossier.fee_exemption == ""


def test_the_officer_sees_the_claim_to_check_at_reception(citizen_client, client, world):
    dossier = _draft(citizen_client, world)
    _upload(citizen_client, dossier, [pdf()], delivery_method="counter")
    claim(citizen_client, dossier, fee_exemption="Hộ nghèo, sổ số 45/2026")
    _pay_in_sandbox(citizen_client, dossier)
    citizen_client.post(reverse("portal:draft_submit", args=[dossier.reference]))
    dossier.refresh_from_db()
    assert dossier.code
    client.force_login(world.officer)
    page = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert "Hộ nghèo, sổ số 45/2026" in page and "kiểm tra giấy tờ chứng minh khi tiếp nhận" in page
