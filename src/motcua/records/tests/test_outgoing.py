"""Outgoing documents: drafted, reviewed, approved and signed by the leader (PAdES), numbered gap-free,
issued with the agency's signature and delivered: to an agency of the platform (its incoming queue, the
sender following its status) and outside it as an edXML package; a recall removes it at the receiver."""

from __future__ import annotations

import shutil

import pytest

from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.records import delivery, edxml, incoming, outgoing, selectors
from motcua.records.models import ExchangePackage, IncomingStatus, OutgoingStatus
from motcua.records.tests.conftest import MONDAY_9AM, sample_pdf
from motcua.signatures.tests.pdfsig import assert_pdfsig_valid
from motcua.signatures.verify import verify_pdf


def draft(pair, **overrides):
    values = {
        "document_type": "Công văn",
        "notation": "STP-HCTP",
        "summary": "V/v xin ý kiến về hồ sơ cấp phép xây dựng",
        "main": ("cong-van.pdf", sample_pdf("Công văn")),
        "attachments": [("phu-luc.pdf", sample_pdf("Phụ lục"))],
        "internal_recipients": [pair.building.agency],
        "external_recipients": "000.00.00.G01; Văn phòng Chính phủ",
    }
    values.update(overrides)
    return outgoing.Draft(**values)


def walk_to_issue(pair, give_key, **overrides):
    office = pair.justice
    give_key(agency=office.agency)
    give_key(user=office.leader)
    document = outgoing.create_draft(office.division, draft(pair, **overrides), actor=office.specialist, now=MONDAY_9AM)
    assert document.agency == office.agency and document.status == OutgoingStatus.DRAFT
    outgoing.perform("submit", document, actor=office.specialist, now=MONDAY_9AM, data={"note": "Kính trình"})
    outgoing.perform("review", document, actor=office.head, now=MONDAY_9AM, data={"approver": office.leader})
    outgoing.perform("approve", document, actor=office.leader, now=MONDAY_9AM, data={"signer_title": "Giám đốc"})
    outgoing.perform("sign", document, actor=office.leader, now=MONDAY_9AM)
    outgoing.perform("number", document, actor=office.clerk, now=MONDAY_9AM, data={"notation": "STP-HCTP"})
    document.refresh_from_db()
    assert document.entry.number_notation == "01/STP-HCTP"
    outgoing.perform("issue", document, actor=office.clerk, now=MONDAY_9AM)
    document.refresh_from_db()
    return document


@pytest.mark.django_db
def test_draft_to_issue_and_receipt_by_another_agency(pair, give_key):
    document = walk_to_issue(pair, give_key)
    assert document.status == OutgoingStatus.ISSUED and document.signed_token
    main = document.files.get(is_main=True)
    with main.file.open("rb") as handle:
        report = verify_pdf(handle.read())
    assert len(report.signatures) == 2  # the leader's, then the agency's
    assert all(s.intact for s in report.signatures)
    if shutil.which("pdfsig"):  # poppler's independent check (make system-deps installs it)
        with main.file.open("rb") as handle:
            assert_pdfsig_valid(handle.read(), signatures=2)
    # Delivered inside the platform: waiting in Sở Xây dựng's incoming queue, the sender sees "arrived".
    received = pair.building.agency.incoming_documents.get()
    assert received.status == IncomingStatus.ARRIVED and received.number_notation == "01/STP-HCTP"
    assert received.files.count() == 2
    assert document.statuses.get(recipient=pair.building.agency).code == "01"
    incoming.perform("register", received, actor=pair.building.clerk, now=MONDAY_9AM)
    assert document.statuses.get(recipient=pair.building.agency).code == "03"
    # Outside: an edXML package kept for the axis.
    package = ExchangePackage.objects.get(outgoing=document, kind="document", sent=True)
    parsed = edxml.parse_document(package.file.read())
    assert parsed.number == "01" and parsed.notation == "STP-HCTP"
    assert [a.name for a in parsed.attachments][1:] == ["phu-luc.pdf"]


@pytest.mark.django_db
def test_recall_removes_the_document_at_the_receiver(pair, give_key):
    document = walk_to_issue(pair, give_key)
    received = pair.building.agency.incoming_documents.get()
    outgoing.perform("recall", document, actor=pair.justice.clerk, now=MONDAY_9AM, data={"reason": "Sai nơi nhận"})
    received.refresh_from_db()
    assert received.status == IncomingStatus.RECALLED
    assert received not in selectors.incoming_list(pair.building.agency, "clerk", selectors.Filters())
    assert document.statuses.get(recipient=pair.building.agency).code == "15"


def test_roles_of_the_outgoing_workflow(pair):
    office = pair.justice
    with pytest.raises(PermissionDenied):
        outgoing.create_draft(office.division, draft(pair), actor=pair.building.specialist, now=MONDAY_9AM)
    document = outgoing.create_draft(office.division, draft(pair), actor=office.specialist, now=MONDAY_9AM)
    with pytest.raises(DomainError) as error:
        outgoing.perform("review", document, actor=office.head, now=MONDAY_9AM)  # not submitted: refused first
    assert error.value.code == "invalid_transition"
    outgoing.perform("submit", document, actor=office.specialist, now=MONDAY_9AM)
    with pytest.raises(PermissionDenied):
        outgoing.perform("review", document, actor=office.specialist, now=MONDAY_9AM, data={"approver": office.leader})
    with pytest.raises(DomainError):
        outgoing.perform("review", document, actor=office.head, now=MONDAY_9AM, data={"approver": office.head})
    outgoing.perform("return", document, actor=office.head, now=MONDAY_9AM, data={"reason": "Sửa trích yếu"})
    document.refresh_from_db()
    assert document.status == OutgoingStatus.DRAFT


def test_signing_needs_the_leaders_own_key(pair, signing):
    office = pair.justice
    document = outgoing.create_draft(office.division, draft(pair), actor=office.specialist, now=MONDAY_9AM)
    outgoing.perform("submit", document, actor=office.specialist, now=MONDAY_9AM)
    outgoing.perform("review", document, actor=office.head, now=MONDAY_9AM, data={"approver": office.leader})
    outgoing.perform("approve", document, actor=office.leader, now=MONDAY_9AM)
    with pytest.raises(DomainError) as error:
        outgoing.perform("sign", document, actor=office.leader, now=MONDAY_9AM)
    assert error.value.code == "no_signing_key"


def test_draft_must_be_a_pdf_with_a_recipient(pair):
    office = pair.justice
    with pytest.raises(DomainError):
        outgoing.create_draft(
            office.division, draft(pair, main=("a.docx", b"PK..")), actor=office.specialist, now=MONDAY_9AM
        )
    with pytest.raises(DomainError):
        outgoing.create_draft(
            office.division,
            draft(pair, internal_recipients=[], external_recipients=""),
            actor=office.specialist,
            now=MONDAY_9AM,
        )
    with pytest.raises(DomainError):
        outgoing.create_draft(
            office.division,
            draft(pair, external_recipients="Văn phòng Chính phủ"),
            actor=office.specialist,
            now=MONDAY_9AM,
        )


@pytest.mark.django_db
def test_edxml_round_trip_between_two_agencies(pair, give_key):
    """Sở Tư pháp exports its document; Sở Xây dựng imports the package, registers, is directed, completes;
    each status package it sends back updates the document at Sở Tư pháp."""
    building = pair.building
    # Addressed outside the platform, as if the two agencies ran two systems.
    external = f"{building.agency.identifier_code}; {building.agency.name}"
    document = walk_to_issue(pair, give_key, internal_recipients=[], external_recipients=external)
    assert document.statuses.get().description == "Đã gửi gói tin edXML"
    content = delivery.export(document, now=MONDAY_9AM)
    received = delivery.receive_package(building.agency, content, actor=building.clerk, now=MONDAY_9AM)
    assert received.status == IncomingStatus.ARRIVED and received.sender == pair.justice.agency.name
    with pytest.raises(DomainError):
        delivery.receive_package(building.agency, content, actor=building.clerk, now=MONDAY_9AM)
    incoming.perform("register", received, actor=building.clerk, now=MONDAY_9AM)
    incoming.perform(
        "direct", received, actor=building.leader, now=MONDAY_9AM, data={"lead_unit": building.division, "due_days": 2}
    )
    incoming.perform("complete", received, actor=building.specialist, now=MONDAY_9AM, data={"result": "Đã trả lời"})
    sent = ExchangePackage.objects.filter(incoming=received, kind="status", sent=True).order_by("pk")
    assert [p.status_code for p in sent] == ["01", "03", "04", "06"]
    for package in sent:
        delivery.receive_package(pair.justice.agency, package.file.read(), actor=pair.justice.clerk, now=MONDAY_9AM)
    row = document.statuses.get(recipient_code=building.agency.identifier_code, recipient=None)
    assert row.code == "06"
