"""edXML packages (QCVN 102:2016, Amendment 1:2022): what is built reads back the same; bad packages are
refused with a message, never an error page."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from motcua.records import edxml
from motcua.workdays.constants import VIETNAM_TZ

SENT = datetime(2026, 3, 2, 9, 30, 15, tzinfo=VIETNAM_TZ)
PACKAGE = edxml.DocumentPackage(
    sender=edxml.Organ("000.00.10.H56", "Sở Tư pháp tỉnh Phú Thọ", email="stp@phutho.gov.vn"),
    recipients=(edxml.Organ("000.00.12.H56", "Sở Xây dựng tỉnh Phú Thọ"),),
    number="07",
    notation="STP-HCTP",
    place="Phú Thọ",
    promulgation_date=date(2026, 3, 2),
    type_name="Công văn",
    subject="V/v xin ý kiến về hồ sơ cấp phép",
    signer_name="Hoàng Minh Tuấn",
    signer_position="Giám đốc",
    priority=1,
    pages=2,
    attachments=(edxml.Attachment("cong-van.pdf", b"%PDF-1.7 signed"), edxml.Attachment("phu-luc.pdf", b"%PDF-1.7")),
    sent_at=SENT,
)


def test_document_package_reads_back():
    content = edxml.build_document(PACKAGE)
    assert b"<edXML:MessageHeader>" in content and b"<edXML:TraceHeaderList>" in content
    assert b"<edXML:PromulgationDate>2026/03/02</edXML:PromulgationDate>" in content
    assert b"<edXML:Timestamp>2026/03/02 09:30:15</edXML:Timestamp>" in content
    parsed = edxml.parse_document(content)
    assert parsed.document_id == "000.00.10.H56,2026/03/02,07/STP-HCTP"
    assert parsed.sender == PACKAGE.sender and parsed.recipients == PACKAGE.recipients
    assert (parsed.number, parsed.notation, parsed.subject, parsed.priority, parsed.pages) == (
        "07",
        "STP-HCTP",
        PACKAGE.subject,
        1,
        2,
    )
    assert parsed.attachments == PACKAGE.attachments
    assert parsed.sent_at == SENT and edxml.kind_of(content) == "document"


@pytest.mark.parametrize("code", ["01", "02", "03", "04", "05", "06", "13", "15", "16"])
def test_status_package_reads_back(code):
    status = edxml.StatusPackage(
        response_for=PACKAGE.document_id,
        sender=PACKAGE.recipients[0],
        recipient=PACKAGE.sender,
        code=code,
        timestamp=SENT,
    )
    content = edxml.build_status(status)
    assert edxml.kind_of(content) == "status"
    parsed = edxml.parse_status(content)
    assert parsed.code == code and parsed.response_for == PACKAGE.document_id
    assert parsed.description == edxml.STATUS_LABELS[code] and parsed.timestamp == SENT


@pytest.mark.parametrize(
    "content",
    [
        b"not xml",
        b"<root/>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">&e;</edXML:edXMLEnvelope>',
        b'<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>',
        edxml.build_document(PACKAGE).replace(b"<edXML:CodeNumber>07", b"<edXML:CodeNumber>"),
        edxml.build_document(PACKAGE).replace(b"2026/03/02</edXML:Promulgation", b"02-03-2026</edXML:Promulgation"),
        edxml.build_document(PACKAGE).replace(b"<edXML:Value>", b"<edXML:Value>!!"),
    ],
    ids=["not-xml", "other-root", "entity", "no-header", "no-number", "bad-date", "bad-base64"],
)
def test_bad_packages_are_refused(content):
    with pytest.raises(edxml.InvalidPackage):
        edxml.parse_document(content)


def test_organ_id_is_at_most_35_characters_and_status_codes_are_the_standards():
    long = edxml.Organ("X" * 36, "Cơ quan")
    with pytest.raises(edxml.InvalidPackage):
        edxml.build_document(PACKAGE.__class__(**{**PACKAGE.__dict__, "sender": long}))
    with pytest.raises(edxml.InvalidPackage):
        edxml.build_status(edxml.StatusPackage("id", PACKAGE.sender, PACKAGE.sender, "99", SENT))
