"""Issuing an electronic certified copy: numbered gap-free per unit and year, signed by the certifying
person and the unit, the certification text on the copy; pdfsig calls both signatures valid."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.certification import numbering, selectors, services
from motcua.certification.fees import copy_fee
from motcua.certification.models import CertificationEvent
from motcua.certification.tests.factories import NOW, counter, make_citizen, request, scan_pdf, scan_png
from motcua.core.exceptions import DomainError
from motcua.organisations.tests.factories import AgencyFactory
from motcua.signatures.tests.pdfsig import assert_pdfsig_valid, needs_pdfsig
from motcua.signatures.verify import verify_pdf

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "copy.pdf"
        path.write_bytes(content)
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)  # noqa: S603, S607
    return done.stdout


@needs_pdfsig
def test_a_copy_is_numbered_signed_twice_and_carries_the_certification_text(give_key):
    desk = counter(give_key)
    citizen = make_citizen()

    copy = services.issue_copy(request(), agency=desk.commune, actor=desk.officer, now=NOW)

    assert (copy.year, copy.number, copy.book) == (2026, 1, "01/2026-SCT/BS")
    assert copy.citizen == citizen  # found by the personal ID number
    assert copy.pages == 2
    content = copy.signed.file.read()
    report = assert_pdfsig_valid(content, signatures=2)
    assert "TEST – Hà Văn Tuấn" in report and "TEST – UBND xã Thanh Ba" in report
    checked = verify_pdf(content)
    assert checked.all_valid and checked.long_term
    text = _text(content)
    assert "Chứng thực bản sao đúng với bản chính." in text
    assert "Số chứng thực: 01, quyển số 01/2026-SCT/BS" in text
    assert "Hà Văn Tuấn" in text
    assert len(PdfFileReader(io.BytesIO(content)).root["/Pages"]["/Kids"]) == 3  # two scanned pages + the text
    assert copy.signed.purpose == "certified_copy"
    assert CertificationEvent.objects.get().action == "issued"


def test_images_make_one_page_each_and_numbers_follow_without_gaps(give_key):
    desk = counter(give_key)
    first = services.issue_copy(
        request(files=[scan_png("a.png"), scan_png("b.jpg")], certifier_title=""),
        agency=desk.commune,
        actor=desk.officer,
        now=NOW,
    )
    second = services.issue_copy(request(files=[scan_pdf(1)]), agency=desk.commune, actor=desk.officer, now=NOW)
    next_year = services.issue_copy(
        request(files=[scan_pdf(1)]),
        agency=desk.commune,
        actor=desk.officer,
        now=datetime(2026, 12, 31, 17, 30, tzinfo=UTC),  # 1 January 2027 in Vietnam
    )
    assert first.pages == 2  # a PNG and a JPEG, one page each
    assert first.certifier_title == ""  # none typed, none in the membership
    assert [first.number, second.number] == [1, 2]
    assert (next_year.year, next_year.number) == (2027, 1)
    assert [c.number for c in selectors.register(desk.commune, 2026)] == [1, 2]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"citizen_id_number": "12345"}, "citizen_id_number"),
        ({"citizen_name": " "}, "citizen_name"),
        ({"document_name": ""}, "document_name"),
        ({"original_checked": False}, "original_checked"),
        ({"files": []}, "files"),
        ({"citizen_phone": "12"}, "citizen_phone"),
    ],
)
def test_incomplete_requests_are_refused_field_by_field(give_key, overrides, field):
    desk = counter(give_key)
    with pytest.raises(DomainError) as refused:
        services.issue_copy(request(**overrides), agency=desk.commune, actor=desk.officer, now=NOW)
    assert field in refused.value.fields
    assert not selectors.register(desk.commune, 2026).exists()


def test_a_file_that_is_not_a_scan_is_refused(give_key):
    from django.core.files.uploadedfile import SimpleUploadedFile

    desk = counter(give_key)
    fake = SimpleUploadedFile("ban-chinh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as refused:
        services.issue_copy(request(files=[fake]), agency=desk.commune, actor=desk.officer, now=NOW)
    assert "files" in refused.value.fields


def test_without_keys_or_outside_a_certifying_unit_nothing_is_issued(give_key, signing):
    from motcua.accounts.models import Role
    from motcua.accounts.tests.factories import MembershipFactory, UserFactory

    commune = AgencyFactory(commune=True)
    officer = UserFactory()
    MembershipFactory(user=officer, agency=commune, role=Role.SPECIALIST)
    with pytest.raises(DomainError, match="chưa có khóa ký số"):
        services.issue_copy(request(), agency=commune, actor=officer, now=NOW)
    department = AgencyFactory()
    MembershipFactory(user=officer, agency=department, role=Role.SPECIALIST)
    with pytest.raises(DomainError, match="không có quyền"):
        services.issue_copy(request(), agency=department, actor=officer, now=NOW)
    assert not selectors.may_certify(officer, department) and selectors.may_certify(officer, commune)


def test_reuse_is_counted_and_recorded(give_key):
    desk = counter(give_key)
    copy = services.issue_copy(request(), agency=desk.commune, actor=desk.officer, now=NOW)
    citizen = make_citizen()
    again = services.record_reuse(copy, dossier_reference="abc", actor=citizen, now=NOW)
    assert again.reuse_count == 1
    assert list(CertificationEvent.objects.values_list("action", flat=True)) == ["issued", "reused"]
    assert list(selectors.copies_for(citizen)) == [copy]  # issued before the account: found by the ID number


@pytest.mark.parametrize(
    ("pages", "rate", "fee"),
    [
        (1, 2000, 2000),
        (2, 2000, 4000),
        (3, 2000, 5000),
        (10, 2000, 12000),
        (500, 2000, 200000),
        (3, 0, 0),
        (0, 2000, 0),
    ],
)
def test_the_fee_per_copy(pages, rate, fee):
    assert copy_fee(pages, first_pages_rate=rate) == fee


def test_book_and_certification_text():
    assert numbering.book_label(2026) == "01/2026-SCT/BS"
    assert numbering.certification_text(5, 2026) == "Số chứng thực: 05, quyển số 01/2026-SCT/BS"


def test_the_fee_comes_from_the_catalogue_certification_procedure(give_key):
    from motcua.catalogue.tests.factories import make_procedure

    desk = counter(give_key)
    assert selectors.fee_rate(NOW.date()) == 0  # no such procedure: no fee recorded
    free = services.issue_copy(request(files=[scan_pdf(3)]), agency=desk.commune, actor=desk.officer, now=NOW)
    assert free.fee_vnd == 0
    make_procedure(
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        code="2.000815",
        fees=[{"name": "Phí chứng thực bản sao", "amount_vnd": 2000, "payer": "Người yêu cầu"}],
    )
    assert selectors.fee_rate(NOW.date()) == 2000
    paid = services.issue_copy(request(files=[scan_pdf(3)]), agency=desk.commune, actor=desk.officer, now=NOW)
    assert paid.fee_vnd == 5000
    assert "5.000 đồng" in _text(paid.signed.file.read())
