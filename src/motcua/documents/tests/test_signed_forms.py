"""Forms 01–06 issued electronically are signed by the issuing agency, kept, and served again; pdfsig calls
each signature valid. Without a key the form
is issued unsigned."""

from __future__ import annotations

from datetime import datetime

import pytest

from motcua.documents.issued import issued_form
from motcua.dossiers import services
from motcua.dossiers.tests.helpers import receive, to_processing
from motcua.signatures.models import DocumentPurpose, SignedDocument
from motcua.signatures.tests.pdfsig import assert_pdfsig_valid, needs_pdfsig
from motcua.signatures.verify import verify_pdf
from motcua.workdays.constants import VIETNAM_TZ

pytestmark = [pytest.mark.django_db, needs_pdfsig]


def _signed_by(content: bytes, agency_name: str) -> None:
    report = assert_pdfsig_valid(content, signatures=1)
    assert f"TEST – {agency_name}"[:40] in report
    checked = verify_pdf(content)
    assert checked.all_valid and checked.signatures[0].chain[-1].is_test


@pytest.mark.parametrize("form_no", ["01", "06"])
def test_the_receipt_and_the_control_sheet_are_signed_by_the_receiving_unit(world, give_key, form_no):
    give_key(agency=world.centre)
    dossier = receive(world)
    content = issued_form(form_no, dossier)
    _signed_by(content, world.centre.name)
    assert issued_form(form_no, dossier) == content  # the kept copy, not signed again
    assert SignedDocument.objects.filter(purpose=DocumentPurpose.FORM).count() == 1


def test_the_supplement_request_is_signed_and_served_again(world, give_key):
    give_key(agency=world.centre)
    asked = receive(world, decision="request_supplement", supplement_items=["Bản sao CCCD"])
    first = issued_form("02", asked)
    _signed_by(first, world.centre.name)
    assert issued_form("02", asked) == first


def test_the_refusal_at_intake_is_signed(world, give_key):
    give_key(agency=world.centre)
    refused = receive(world, decision="refuse", reason="Thủ tục không thuộc thẩm quyền của tỉnh")
    _signed_by(issued_form("03", refused), world.centre.name)


def test_the_apology_is_signed_by_the_competent_agency_and_the_stop_notice_by_the_receiving_unit(world, give_key):
    give_key(agency=world.centre)
    give_key(agency=world.department)
    dossier = to_processing(world)
    new_due = datetime(2026, 3, 10, 16, 0, tzinfo=VIETNAM_TZ)
    dossier = services.extend(dossier, actor=world.specialist, new_due_at=new_due, reason="Cần xác minh thêm")
    _signed_by(issued_form("04", dossier), world.department.name)
    dossier = services.stop(dossier, actor=world.officer, reason="Công dân đề nghị dừng giải quyết")
    _signed_by(issued_form("05", dossier), world.centre.name)


def test_without_a_key_the_form_is_issued_unsigned(world, signing):
    content = issued_form("01", receive(world))
    assert content.startswith(b"%PDF") and b"/ByteRange" not in content
    assert not SignedDocument.objects.exists()
