"""What the engine issues is signed by the issuing agency when it has a key: the refusal notice (the leader
over their name, then the agency), the results attached (an electronic result with its QR link) and the
fee receipts; pdfsig calls every signature valid. Without a key, the same documents are issued unsigned."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils.reader import PdfFileReader
from weasyprint import HTML

from motcua.dossiers import services
from motcua.dossiers.constants import PaymentMethod
from motcua.dossiers.models import FilePurpose
from motcua.dossiers.tests.helpers import to_processing
from motcua.signatures import selectors
from motcua.signatures.models import DocumentPurpose, SignedDocument
from motcua.signatures.tests.pdfsig import assert_pdfsig_valid, needs_pdfsig
from motcua.signatures.verify import verify_pdf

pytestmark = [pytest.mark.django_db, needs_pdfsig]


def stored(row) -> bytes:
    with row.file.open("rb") as f:
        return f.read()


def approved(world):
    dossier = to_processing(world)
    dossier = services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
    return services.approve(dossier, actor=world.leader)


def a_result(name: str = "phieu-ly-lich-tu-phap.pdf") -> SimpleUploadedFile:
    content = HTML(string="<h1>PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1</h1>").write_pdf()
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_refusal_notice_is_signed_by_the_leader_over_the_name_then_the_agency(world, give_key):
    give_key(agency=world.department)
    give_key(user=world.leader)
    dossier = services.refuse(to_processing(world), actor=world.leader, reason="Không thuộc đối tượng cấp phiếu")

    content = stored(dossier.files.get(purpose=FilePurpose.RESULT))
    report = assert_pdfsig_valid(content, signatures=2)
    assert f"TEST – {world.leader.full_name}" in report and f"TEST – {world.department.name}" in report
    person, agency = PdfFileReader(io.BytesIO(content)).embedded_regular_signatures
    x1, y1, x2, y2 = (float(v) for v in person.sig_field["/Rect"])
    assert x2 - x1 > 150 and 40 < y2 - y1 < 50 and y1 > 0  # the box the notice reserved over the name
    ax1, _ay1, ax2, _ay2 = (float(v) for v in agency.sig_field["/Rect"])
    assert ax2 <= x1 + 5 and ax2 - ax1 > 150  # the seal's place, left of the signer's (the form reserved it)
    document = SignedDocument.objects.get(reference=dossier.code)
    assert document.purpose == DocumentPurpose.RESULT and document.agency == world.department


def test_an_attached_pdf_result_becomes_a_signed_electronic_result(world, give_key):
    give_key(agency=world.department)
    give_key(user=world.leader)  # approved by the leader: their signature (invisible) comes first
    dossier = services.attach_result(
        approved(world),
        actor=world.leader,
        result_files=[a_result(), SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 40)],
    )

    pdf_row = dossier.files.get(purpose=FilePurpose.RESULT, name="phieu-ly-lich-tu-phap.pdf")
    content = stored(pdf_row)
    assert pdf_row.size == len(content)
    assert_pdfsig_valid(content, signatures=2)
    signatures = verify_pdf(content).signatures
    assert all(s.intact and not s.changed_after for s in signatures)
    assert [s.signer for s in signatures] == [f"TEST – {world.leader.full_name}", f"TEST – {world.department.name}"]
    assert stored(dossier.files.get(name="anh.png")).startswith(b"\x89PNG")  # a scan stays as it was
    assert selectors.electronic_results(world.department).filter(reference=dossier.code).count() == 1
    assert dossier.events.get(action="attach_result").data["signed_files"] == 1


def test_the_fee_receipt_is_signed_by_the_collecting_unit(world, give_key):
    give_key(agency=world.centre)
    dossier = to_processing(world)
    receipt = HTML(string="<h1>BIÊN LAI THU PHÍ, LỆ PHÍ</h1>").write_pdf()
    services.record_fee_payment(
        dossier,
        amount_vnd=200_000,
        method=PaymentMethod.ONLINE,
        reference="TT0001",
        paid_at=dossier.accepted_at,
        actor=None,
        receipt_pdf=receipt,
    )
    report = assert_pdfsig_valid(stored(dossier.files.get(purpose=FilePurpose.RECEIPT)), signatures=1)
    assert f"TEST – {world.centre.name}" in report


def test_without_a_key_documents_are_issued_unsigned(world, signing):
    dossier = services.refuse(to_processing(world), actor=world.leader, reason="Không thuộc đối tượng cấp phiếu")
    content = stored(dossier.files.get(purpose=FilePurpose.RESULT))
    assert list(PdfFileReader(io.BytesIO(content)).embedded_regular_signatures) == []
    assert not SignedDocument.objects.exists()


def test_a_key_that_cannot_be_opened_leaves_the_result_unsigned_and_logs_it(world, give_key, settings, caplog):
    give_key(agency=world.department)
    settings.SIGNATURE_PASSPHRASE = "wrong"
    with caplog.at_level(logging.ERROR):
        dossier = services.attach_result(approved(world), actor=world.leader, result_files=[a_result()])
    assert dossier.status == "resolved" or dossier.outcome == "granted"
    assert "left unsigned" in caplog.text
    assert not SignedDocument.objects.exists()
