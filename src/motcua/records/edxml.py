"""edXML packages of QCVN 102:2016/BTTTT (with Amendment 1:2022: OrganId up to 35 characters): pure
functions that build and read them, nothing touches the database.

A document package: ``edXMLEnvelope`` / ``edXMLHeader`` / ``MessageHeader`` (From, To, Code, PromulgationInfo,
DocumentType, Subject, Content, SignerInfo, DueDate, ToPlaces, OtherInfo, ResponseFor, SteeringType,
DocumentId) and ``TraceHeaderList`` (TraceHeader, Bussiness with BussinessDocType 0 new, 1 revoke, 2 update,
3 replace); ``edXMLBody`` / ``Manifest`` lists the attachments, carried base64-encoded in ``AttachmentEncoded``
(the signed PDF keeps its PAdES signatures inside). A status package: ``edXMLHeader`` / ``Status`` with
ResponseFor (the document's id), From, StatusCode (01 arrived … 06 completed, 13/15/16 recall), Description,
Timestamp and StaffInfo. Dates are ``YYYY/MM/DD``, times ``yyyy/MM/dd HH:mm:ss`` in Vietnam's time.

Reading refuses entities and network access (lxml's safe parser): a package is untrusted input.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from lxml import etree

from motcua.core.exceptions import DomainError

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
E = f"{{{NS}}}"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_ORGAN_ID = 35  # Amendment 1:2022

STATUS_LABELS: dict[str, str] = {
    "01": "Đã đến",
    "02": "Từ chối tiếp nhận",
    "03": "Đã tiếp nhận",
    "04": "Đã phân công",
    "05": "Đang xử lý",
    "06": "Hoàn thành",
    "13": "Đề nghị thu hồi",
    "15": "Đồng ý thu hồi",
    "16": "Từ chối thu hồi",
}
NEW, REVOKE, UPDATE, REPLACE = 0, 1, 2, 3


class InvalidPackage(DomainError):
    code = "invalid_edxml"
    status = 400


@dataclass(frozen=True)
class Organ:
    organ_id: str
    name: str
    address: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes
    content_type: str = "application/pdf"
    description: str = ""


@dataclass(frozen=True)
class DocumentPackage:
    sender: Organ
    recipients: tuple[Organ, ...]
    number: str
    notation: str
    place: str
    promulgation_date: date
    type_name: str
    subject: str
    signer_name: str
    signer_position: str = ""
    competence: str = ""
    priority: int = 0  # 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc
    pages: int | None = None
    due_date: date | None = None
    business_type: int = NEW
    reason: str = ""
    attachments: tuple[Attachment, ...] = ()
    sent_at: datetime | None = None
    trace: tuple[tuple[str, datetime], ...] = field(default_factory=tuple)

    @property
    def document_id(self) -> str:
        return document_id(self.sender.organ_id, self.promulgation_date, f"{self.number}/{self.notation}")


@dataclass(frozen=True)
class StatusPackage:
    response_for: str  # the document's id
    sender: Organ  # who tells the status (the receiver of the document)
    recipient: Organ  # the document's sender
    code: str
    timestamp: datetime
    description: str = ""
    staff: str = ""


def document_id(organ_id: str, day: date, number_notation: str) -> str:
    """``OrganId,YYYY/MM/DD,Number/Notation`` (the id a status package answers)."""
    return f"{organ_id},{day:%Y/%m/%d},{number_notation}"


def _time(moment: datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%Y/%m/%d %H:%M:%S")


def _sub(parent: etree._Element, name: str, text: object = None) -> etree._Element:
    node = etree.SubElement(parent, E + name)
    if text is not None:
        node.text = str(text)
    return node


def _organ(parent: etree._Element, tag: str, organ: Organ) -> None:
    if len(organ.organ_id) > MAX_ORGAN_ID:
        raise InvalidPackage(f"Mã định danh {organ.organ_id} dài quá {MAX_ORGAN_ID} ký tự.")
    node = _sub(parent, tag)
    for name, value in (
        ("OrganId", organ.organ_id),
        ("OrganName", organ.name),
        ("OrganAdd", organ.address),
        ("Email", organ.email),
        ("Telephone", organ.phone),
    ):
        _sub(node, name, value)


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def build_document(p: DocumentPackage) -> bytes:
    root = etree.Element(E + "edXMLEnvelope", nsmap={"edXML": NS})
    header = _sub(root, "edXMLHeader")
    message = _sub(header, "MessageHeader")
    _organ(message, "From", p.sender)
    for recipient in p.recipients:
        _organ(message, "To", recipient)
    code = _sub(message, "Code")
    _sub(code, "CodeNumber", p.number)
    _sub(code, "CodeNotation", p.notation)
    promulgation = _sub(message, "PromulgationInfo")
    _sub(promulgation, "Place", p.place)
    _sub(promulgation, "PromulgationDate", f"{p.promulgation_date:%Y/%m/%d}")
    kind = _sub(message, "DocumentType")
    _sub(kind, "Type", 1)
    _sub(kind, "TypeName", p.type_name)
    _sub(message, "Subject", p.subject)
    _sub(message, "Content", p.subject)
    signer = _sub(message, "SignerInfo")
    _sub(signer, "Competence", p.competence)
    _sub(signer, "Position", p.signer_position)
    _sub(signer, "FullName", p.signer_name)
    _sub(message, "DueDate", f"{p.due_date:%Y/%m/%d}" if p.due_date else "")
    places = _sub(message, "ToPlaces")
    for recipient in p.recipients:
        _sub(places, "Place", recipient.name)
    other = _sub(message, "OtherInfo")
    _sub(other, "Priority", p.priority)
    _sub(other, "PageAmount", p.pages or "")
    _sub(other, "Appendixes", len(p.attachments))
    _sub(message, "SteeringType", 0)
    _sub(message, "DocumentId", p.document_id)
    traces = _sub(header, "TraceHeaderList")
    for organ_id, moment in p.trace or ((p.sender.organ_id, p.sent_at or datetime.now(VIETNAM)),):
        trace = _sub(traces, "TraceHeader")
        _sub(trace, "OrganId", organ_id)
        _sub(trace, "Timestamp", _time(moment))
    business = _sub(traces, "Bussiness")
    _sub(business, "BussinessDocType", p.business_type)
    _sub(business, "BussinessDocReason", p.reason)
    _sub(business, "Paper", 0)
    body = _sub(root, "edXMLBody")
    manifest = _sub(body, "Manifest")
    encoded = _sub(root, "AttachmentEncoded")
    for number, attachment in enumerate(p.attachments, start=1):
        reference = _sub(manifest, "Reference")
        _sub(reference, "ContentId", f"cid:{number}")
        _sub(reference, "AttachmentName", attachment.name)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "Description", attachment.description)
        node = _sub(encoded, "Attachment")
        _sub(node, "ContentId", f"cid:{number}")
        _sub(node, "AttachmentName", attachment.name)
        _sub(node, "ContentType", attachment.content_type)
        _sub(node, "Format", "base64")
        _sub(node, "Value", base64.b64encode(attachment.content).decode("ascii"))
    return _bytes(root)


def build_status(s: StatusPackage) -> bytes:
    if s.code not in STATUS_LABELS:
        raise InvalidPackage(f"Mã trạng thái {s.code} không có trong QCVN 102.")
    root = etree.Element(E + "edXMLEnvelope", nsmap={"edXML": NS})
    status = _sub(_sub(root, "edXMLHeader"), "Status")
    response = _sub(status, "ResponseFor")
    _sub(response, "DocumentId", s.response_for)
    _organ(status, "From", s.sender)
    _organ(status, "To", s.recipient)
    _sub(status, "StatusCode", s.code)
    _sub(status, "Description", s.description or STATUS_LABELS[s.code])
    _sub(status, "Timestamp", _time(s.timestamp))
    _sub(_sub(status, "StaffInfo"), "Staff", s.staff)
    _sub(root, "edXMLBody")
    return _bytes(root)


# --- Reading ----------------------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _root(content: bytes) -> etree._Element:
    try:
        root = etree.fromstring(content, parser=_PARSER)
    except etree.XMLSyntaxError as error:
        raise InvalidPackage(f"Gói tin không phải XML hợp lệ: {error.msg}.") from None
    if root.tag != E + "edXMLEnvelope":
        raise InvalidPackage("Gói tin không phải edXML (QCVN 102:2016).")
    return root


def kind_of(content: bytes) -> str:
    """``document`` or ``status``."""
    return "status" if _root(content).find(f"{E}edXMLHeader/{E}Status") is not None else "document"


def _text(node: etree._Element | None, path: str, *, required: str = "") -> str:
    found = node.find("/".join(E + part for part in path.split("/"))) if node is not None else None
    value = (found.text or "").strip() if found is not None else ""
    if required and not value:
        raise InvalidPackage(f"Gói tin thiếu {required} ({path}).")
    return value


def _read_organ(node: etree._Element | None) -> Organ:
    return Organ(
        organ_id=_text(node, "OrganId", required="mã định danh"),
        name=_text(node, "OrganName", required="tên cơ quan"),
        address=_text(node, "OrganAdd"),
        email=_text(node, "Email"),
        phone=_text(node, "Telephone"),
    )


def _date(raw: str, what: str) -> date:
    try:
        return datetime.strptime(raw, "%Y/%m/%d").date()  # noqa: DTZ007 - a calendar date, no time
    except ValueError:
        raise InvalidPackage(f"{what} không đúng dạng YYYY/MM/DD: {raw}.") from None


def _moment(raw: str) -> datetime:
    try:
        return datetime.strptime(raw, "%Y/%m/%d %H:%M:%S").replace(tzinfo=VIETNAM)
    except ValueError:
        raise InvalidPackage(f"Thời điểm không đúng dạng yyyy/MM/dd HH:mm:ss: {raw}.") from None


def _int(raw: str, default: int | None = 0) -> int | None:
    return int(raw) if raw.isdigit() else default


def parse_document(content: bytes) -> DocumentPackage:
    root = _root(content)
    message = root.find(f"{E}edXMLHeader/{E}MessageHeader")
    if message is None:
        raise InvalidPackage("Gói tin thiếu MessageHeader.")
    attachments = []
    for node in root.iterfind(f"{E}AttachmentEncoded/{E}Attachment"):
        try:
            data = base64.b64decode(_text(node, "Value"), validate=True)
        except binascii.Error:
            raise InvalidPackage("Tệp đính kèm không mã hóa base64 đúng.") from None
        attachments.append(
            Attachment(_text(node, "AttachmentName", required="tên tệp"), data, _text(node, "ContentType"))
        )
    traces = tuple(
        (_text(t, "OrganId"), _moment(_text(t, "Timestamp", required="thời điểm")))
        for t in root.iterfind(f"{E}edXMLHeader/{E}TraceHeaderList/{E}TraceHeader")
    )
    due = _text(message, "DueDate")
    business = root.find(f"{E}edXMLHeader/{E}TraceHeaderList/{E}Bussiness")
    return DocumentPackage(
        sender=_read_organ(message.find(E + "From")),
        recipients=tuple(_read_organ(node) for node in message.iterfind(E + "To")),
        number=_text(message, "Code/CodeNumber", required="số văn bản"),
        notation=_text(message, "Code/CodeNotation", required="ký hiệu"),
        place=_text(message, "PromulgationInfo/Place"),
        promulgation_date=_date(_text(message, "PromulgationInfo/PromulgationDate", required="ngày ban hành"), "Ngày"),
        type_name=_text(message, "DocumentType/TypeName", required="loại văn bản"),
        subject=_text(message, "Subject", required="trích yếu"),
        signer_name=_text(message, "SignerInfo/FullName"),
        signer_position=_text(message, "SignerInfo/Position"),
        competence=_text(message, "SignerInfo/Competence"),
        priority=_int(_text(message, "OtherInfo/Priority")) or 0,
        pages=_int(_text(message, "OtherInfo/PageAmount"), None),
        due_date=_date(due, "Hạn xử lý") if due else None,
        business_type=_int(_text(business, "BussinessDocType")) or 0,
        reason=_text(business, "BussinessDocReason"),
        attachments=tuple(attachments),
        sent_at=traces[0][1] if traces else None,
        trace=traces,
    )


def parse_status(content: bytes) -> StatusPackage:
    status = _root(content).find(f"{E}edXMLHeader/{E}Status")
    if status is None:
        raise InvalidPackage("Gói tin không phải gói trạng thái.")
    code = _text(status, "StatusCode", required="mã trạng thái")
    if code not in STATUS_LABELS:
        raise InvalidPackage(f"Mã trạng thái {code} không có trong QCVN 102.")
    return StatusPackage(
        response_for=_text(status, "ResponseFor/DocumentId", required="mã văn bản"),
        sender=_read_organ(status.find(E + "From")),
        recipient=_read_organ(status.find(E + "To")),
        code=code,
        timestamp=_moment(_text(status, "Timestamp", required="thời điểm")),
        description=_text(status, "Description"),
        staff=_text(status, "StaffInfo/Staff"),
    )
