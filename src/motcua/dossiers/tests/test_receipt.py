"""The fee receipt of an online payment says what was paid for: dossier, collecting unit, payer, items."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.documents.tests.test_forms import pdf_text
from motcua.dossiers import services
from motcua.dossiers.models import DossierFile, FilePurpose
from motcua.dossiers.payment_link import payment_subject
from motcua.dossiers.tests.helpers import applicant_data, pdf
from motcua.payments import services as payment_services
from motcua.payments.interface import GatewayOutcome, GatewayResult
from motcua.payments.receipts import render_receipt_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _paid_draft(world: Any) -> Any:
    citizen = UserFactory(username="congdan")
    person = services.resolve_applicant(applicant_data(address="Số 5 phố Lê Lợi, phường Hạc Thành"), actor=None)
    person.user = citizen
    person.save()
    draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
    payment, _url = payment_services.start_payment(
        amount_vnd=50_000,
        description="Phí, lệ phí: Cấp phiếu lý lịch tư pháp",
        callback_url="/thanh-toan/ket-qua/sandbox/",
        subject=payment_subject(draft),
        actor=citizen,
    )
    result = GatewayResult(payment.reference, GatewayOutcome.SUCCEEDED, 50_000, "SBX42")
    return draft, payment_services.apply_gateway_result(result, gateway="sandbox", source="callback")


def test_the_receipt_carries_dossier_agency_payer_items_and_amount_in_words(world):
    draft, payment = _paid_draft(world)
    stored = DossierFile.objects.get(dossier=draft, purpose=FilePurpose.RECEIPT)
    text = pdf_text(stored.file.read())
    assert f"Số biên lai: {payment.receipt_number} · Ngày 02/03/2026" in text
    assert "Đơn vị thu: Trung tâm Phục vụ hành chính công tỉnh" in text
    # No code before the draft is sent: its reference instead (pdftotext may break it at a hyphen).
    assert "Mã hồ sơ: chưa cấp (hồ sơ nháp, mã tham chiếu" in text and draft.reference.hex in text.replace("-", "")
    assert "Người nộp: Nguyễn Thị Hồng Nhung · Số định danh: " + draft.applicant_id_number in text
    assert "Số 5 phố Lê Lợi" in text
    assert "Lệ phí 50.000 đ" in text
    assert "Tổng số tiền: 50.000 đ" in text and "Bằng chữ: Năm mươi nghìn đồng" in text
    assert "Cách thức nộp hồ sơ: Trực tuyến" in text
    assert "Hình thức thanh toán: Thanh toán trực tuyến qua Cổng thanh toán thử nghiệm" in text
    assert f"{payment.reference} / SBX42" in text


def test_the_receipt_rendered_after_sending_gives_the_dossier_code(world):
    draft, payment = _paid_draft(world)
    services.attach_file_to_component(draft, draft.components.get().pk, pdf(), actor=draft.applicant.user)
    sent = services.submit_online(draft, actor=draft.applicant.user, payment_method="none", result_delivery="counter")
    text = pdf_text(render_receipt_pdf(payment))
    assert f"Mã hồ sơ: {sent.code}" in text
    assert "mã tham chiếu" not in text
