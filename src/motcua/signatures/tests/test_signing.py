"""Signing a PDF with an official's and an agency's key: pyHanko and poppler's pdfsig both call it valid."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pyhanko.pdf_utils.generic import pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from weasyprint import HTML

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError
from motcua.organisations.tests.factories import AgencyFactory
from motcua.signatures import pades, selectors, services
from motcua.signatures.models import DocumentPurpose, SigningEvent
from motcua.signatures.tests.pdfsig import assert_pdfsig_valid, needs_pdfsig, pdfsig
from motcua.signatures.verify import NoSignature, verify_pdf

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)  # 09:30 in Vietnam


def a_pdf(text: str = "Quyết định cấp phiếu lý lịch tư pháp") -> bytes:
    return bytes(HTML(string=f"<h1>{text}</h1><p>Nội dung văn bản.</p>").write_pdf())


def sign(agency, person=None, content: bytes | None = None) -> services.Issued:
    issued = services.sign_issued(
        content or a_pdf(),
        agency=agency,
        person=person,
        name="ket-qua.pdf",
        purpose=DocumentPurpose.RESULT,
        reference="H44.03-260302-0001",
        now=NOW,
    )
    assert issued is not None
    return issued


@needs_pdfsig
def test_person_then_agency_signature_verify_with_pdfsig_and_pyhanko(give_key):
    agency = AgencyFactory(name="Sở Tư pháp tỉnh Phú Thọ")
    leader = UserFactory(full_name="Trần Thị Bích Ngọc")
    give_key(agency=agency)
    give_key(user=leader)

    issued = sign(agency, person=leader)

    report = assert_pdfsig_valid(issued.content, signatures=2)
    assert "TEST – Trần Thị Bích Ngọc" in report
    assert "TEST – Sở Tư pháp tỉnh Phú Thọ" in report
    checked = verify_pdf(issued.content)
    assert [s.signer for s in checked.signatures] == ["TEST – Trần Thị Bích Ngọc", "TEST – Sở Tư pháp tỉnh Phú Thọ"]
    for signature in checked.signatures:
        assert signature.intact and signature.trusted and not signature.changed_after
        assert signature.timestamp_at is not None  # B-T: the local TSA stamped it
        assert signature.chain[-1].is_test and "CA thử nghiệm" in signature.chain[-1].subject
    # B-LT: the validation data is appended after the agency's signature, which then covers all but it.
    assert checked.long_term and not checked.signatures[-1].covers_whole_file
    assert issued.document.sha256 == checked.sha256
    assert selectors.signed_document(issued.document.token) == issued.document
    assert list(SigningEvent.objects.filter(action="signed").values_list("key__user", flat=True)) == [leader.pk, None]


@needs_pdfsig
def test_pdfsig_without_trust_store_reports_the_issuer_untrusted_but_the_signature_valid(give_key):
    agency = AgencyFactory()
    give_key(agency=agency)
    report = assert_pdfsig_valid(sign(agency).content, signatures=1)
    assert "Certificate issuer isn't Trusted." in report


def test_agency_without_key_issues_unsigned(signing):
    assert (
        services.sign_issued(a_pdf(), agency=AgencyFactory(), name="x.pdf", purpose="result", reference="", now=NOW)
        is None
    )


def test_the_agency_signature_sits_top_right_of_page_one_with_the_qr_link(give_key):
    agency = AgencyFactory()
    give_key(agency=agency)
    issued = sign(agency)
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(issued.content))
    field = reader.embedded_regular_signatures[0].sig_field
    x1, _y1, x2, y2 = (float(v) for v in field["/Rect"])
    page = reader.root["/Pages"]["/Kids"][0].get_object()
    width, height = (float(page["/MediaBox"][i]) for i in (2, 3))
    assert x2 > width - 20 and y2 > height - 20 and x1 > width / 2
    assert services.verification_url(issued.document.token).endswith(f"/xac-thuc-van-ban/{issued.document.token}/")


@needs_pdfsig
def test_bytes_changed_inside_the_signed_range_are_reported(give_key):
    agency = AgencyFactory()
    give_key(agency=agency)
    content = bytearray(sign(agency).content)
    position = content.index(b"/Producer")  # inside the signed bytes, same length
    content[position + 1 : position + 4] = b"Xro"

    checked = verify_pdf(bytes(content))
    assert not checked.signatures[0].intact
    assert checked.signatures[0].changed_after
    assert not checked.all_valid
    assert "Signature is Valid." not in pdfsig(bytes(content))


def test_a_change_appended_after_signing_is_reported(give_key):
    agency = AgencyFactory()
    give_key(agency=agency)
    writer = IncrementalPdfFileWriter(io.BytesIO(sign(agency).content))
    writer.root["/Lang"] = pdf_string("en")  # not a signature, not a form field: a change of the document
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)

    signature = verify_pdf(out.getvalue()).signatures[0]
    assert signature.intact  # the signed bytes are as they were...
    assert signature.changed_after  # ...but the document was changed afterwards
    assert not signature.covers_whole_file


def test_no_signature_and_broken_files_are_refused_with_a_message(signing):
    with pytest.raises(NoSignature, match="không có chữ ký số"):
        verify_pdf(a_pdf())
    with pytest.raises(DomainError, match="không phải là tệp PDF"):
        verify_pdf(b"hello")
    with pytest.raises(DomainError, match="PDF"):
        verify_pdf(a_pdf()[:200])


def test_registering_a_new_key_retires_the_old_one(give_key):
    agency = AgencyFactory()
    first = give_key(agency=agency)
    second = give_key(agency=agency)
    first.refresh_from_db()
    assert not first.is_active and second.is_active
    assert selectors.agency_key(agency) == second
    assert "TEST" in second.certificate_subject
    assert list(SigningEvent.objects.filter(key=first).values_list("action", flat=True)) == ["registered", "retired"]


def test_a_wrong_passphrase_is_a_clear_error(give_key, settings):
    agency = AgencyFactory()
    give_key(agency=agency)
    settings.SIGNATURE_PASSPHRASE = "wrong"
    with pytest.raises(DomainError, match="Không mở được tệp khóa ký"):
        sign(agency)


def test_box_over_the_name_is_used_for_the_person(give_key):
    agency, person = AgencyFactory(), UserFactory()
    give_key(agency=agency)
    give_key(user=person)
    box = pades.Box(0, 300, 150, 480, 210)
    issued = services.sign_issued(
        a_pdf(),
        agency=agency,
        person=person,
        name="x.pdf",
        purpose="notice",
        reference="",
        now=NOW,
        boxes=services.Boxes(person=box),
    )
    from pyhanko.pdf_utils.reader import PdfFileReader

    field = PdfFileReader(io.BytesIO(issued.content)).embedded_regular_signatures[0].sig_field
    assert [round(float(v)) for v in field["/Rect"]] == [300, 150, 480, 210]


def test_a_broken_pdf_cannot_be_signed(give_key):
    agency = AgencyFactory()
    give_key(agency=agency)
    with pytest.raises(pades.NotAPdf):
        sign(agency, content=b"%PDF-1.4 not really")
