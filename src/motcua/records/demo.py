"""Demo official documents: Sở Tư pháp and Sở Xây dựng exchange documents in every state of both
workflows, signed with the demo's TEST keys (``signatures.demo``) where a key exists. Idempotent: nothing
is added when Sở Tư pháp already has an outgoing document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from django.utils import timezone

from motcua.accounts import demo as people
from motcua.accounts.models import User
from motcua.organisations import demo as org
from motcua.organisations.models import Agency
from motcua.records import delivery, edxml, incoming, outgoing
from motcua.records.models import IncomingDocument, OutgoingDocument, OutgoingStatus, Source, Urgency
from motcua.signatures import selectors as keys
from motcua.workdays.constants import VIETNAM_TZ

# The steps of the outgoing table, in order: a demo document is walked up to one of them.
OUT_STEPS = ("submit", "review", "approve", "sign", "number", "issue")


def demo_pdf(agency: str, kind: str, summary: str, body: str) -> bytes:
    """A document laid out as Appendix I shows it: the agency and the national title, number, summary, text."""
    from weasyprint import HTML

    html = f"""<html><head><style>
      body {{ font-family: 'Liberation Serif', serif; font-size: 13pt; margin: 2cm 1.5cm 2cm 3cm; }}
      table {{ width: 100%; }} td {{ vertical-align: top; text-align: center; }}
      .title {{ text-align: center; font-weight: bold; margin-top: 1cm; }} p {{ text-align: justify; }}
      .sign {{ margin-left: 55%; text-align: center; margin-top: 1cm; height: 4cm; }}
    </style></head><body>
      <table><tr><td><b>{agency.upper()}</b><br>Số: ...../......</td>
      <td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b></td></tr></table>
      <p class="title">{kind.upper()}<br>{summary}</p><p>{body}</p>
      <div class="sign"><b>GIÁM ĐỐC</b></div></body></html>"""
    return bytes(HTML(string=html).write_pdf())


@dataclass(frozen=True)
class People:
    agency: Agency
    division: Agency
    clerk: User
    leader: User
    head: User
    specialist: User


def _people(agency_code: str, division_code: str, clerk: str, leader: str, head: str, specialist: str) -> People:
    def user(name: str) -> User:
        return User.objects.get(username=name)

    return People(
        agency=org.demo_agency(agency_code),
        division=org.demo_agency(division_code),
        clerk=user(clerk),
        leader=user(leader),
        head=user(head),
        specialist=user(specialist),
    )


def walk(document: OutgoingDocument, office: People, up_to: str, now: datetime, *, signing: bool) -> OutgoingDocument:
    by: dict[str, tuple[User, dict[str, Any]]] = {
        "submit": (office.specialist, {"note": "Kính trình lãnh đạo phòng thẩm định."}),
        "review": (office.head, {"approver": office.leader, "note": "Đã thẩm định, đề nghị ký ban hành."}),
        "approve": (office.leader, {"signer_title": "GIÁM ĐỐC"}),
        "sign": (office.leader, {}),
        "number": (office.clerk, {"notation": document.notation}),
        "issue": (office.clerk, {}),
    }
    for step in OUT_STEPS[: OUT_STEPS.index(up_to) + 1]:
        if step in ("sign", "issue") and not signing:
            break  # no demo keys (SIGNATURE_PASSPHRASE unset): the document waits for its signature
        actor, data = by[step]
        now += timedelta(minutes=40)
        document = outgoing.perform(step, document, actor=actor, now=now, data=data)
    return document


def draft(
    office: People,
    kind: str,
    notation: str,
    summary: str,
    body: str,
    to: list[Agency],
    external: str,
    now: datetime,
    **kw: Any,
) -> OutgoingDocument:
    return outgoing.create_draft(
        office.division,
        outgoing.Draft(
            document_type=kind,
            notation=notation,
            summary=summary,
            main=(f"{kind.lower().replace(' ', '-')}.pdf", demo_pdf(office.agency.name, kind, summary, body)),
            attachments=[("phu-luc.pdf", demo_pdf(office.agency.name, "Phụ lục", summary, "Danh mục kèm theo."))],
            internal_recipients=to,
            external_recipients=external,
            **kw,
        ),
        actor=office.specialist,
        now=now,
    )


def _received(
    office: People,
    n: int,
    summary: str,
    now: datetime,
    *,
    sender: str = "Ủy ban nhân dân tỉnh Phú Thọ",
    urgency: str = Urgency.NORMAL,
    source: str = Source.UPLOAD,
) -> IncomingDocument:
    data = incoming.IncomingData(
        sender=sender,
        sender_code="000.00.00.H56" if sender.startswith("Ủy ban") else "",
        number_notation=f"{n}/UBND-NC",
        document_type="Công văn",
        document_date=(now - timedelta(days=2)).astimezone(VIETNAM_TZ).date(),
        summary=summary,
        signer="Trịnh Thế Bảo",
        urgency=urgency,
        pages=2,
        files=[(f"cong-van-{n}.pdf", demo_pdf(sender, "Công văn", summary, "Đề nghị các cơ quan thực hiện."))],
    )
    return incoming.receive(office.agency, data, source=source, actor=office.clerk, now=now)


def direct(
    document: IncomingDocument, office: People, now: datetime, days: int, *, coordinate: list[Agency] | None = None
) -> IncomingDocument:
    return incoming.perform(
        "direct",
        document,
        actor=office.leader,
        now=now,
        data={
            "lead_unit": office.division,
            "coordinating_units": coordinate or [],
            "due_days": days,
            "note": "Giao phòng chủ trì, tham mưu trả lời đúng hạn.",
        },
    )


def demo_offices() -> tuple[People, People]:
    """(Sở Xây dựng, Sở Tư pháp) with their clerk, director, head of division and specialist."""
    building = _people(
        org.SO_XAY_DUNG_CODE,
        org.PHONG_QLHDXD_CODE,
        people.VANTHU_XAY_DUNG,
        people.GIAMDOC_XAY_DUNG,
        people.TRUONGPHONG_XAY_DUNG,
        people.CHUYENVIEN_XAY_DUNG,
    )
    justice = _people(
        org.SO_TU_PHAP_CODE,
        org.PHONG_HCTP_CODE,
        people.VANTHU_TU_PHAP,
        people.GIAMDOC_TU_PHAP,
        people.TRUONGPHONG_TU_PHAP,
        people.CHUYENVIEN_TU_PHAP,
    )
    return building, justice


def has_keys(*offices: People) -> bool:
    """Whether the demo's TEST keys exist for these agencies and their directors (signatures.demo)."""
    return all(keys.agency_key(o.agency) and keys.official_key(o.leader) for o in offices)


def load(stdout: TextIO) -> None:
    building, justice = demo_offices()
    if OutgoingDocument.objects.filter(agency=justice.agency).exists():
        stdout.write("Văn bản đến, văn bản đi: đã có dữ liệu mẫu.\n")
        return
    signing = has_keys(justice, building)
    now = timezone.now()
    start = now - timedelta(days=12)
    _incoming_states(justice, start, now)
    issued = _outgoing_states(justice, building, start, signing=signing)
    _answers(building, justice, issued, start, now, signing=signing)
    _edxml_arrival(justice, now)
    _refused(justice, now)
    note = "" if signing else " (chưa có khóa ký số thử nghiệm: văn bản dừng ở bước ký)"
    stdout.write(f"Văn bản đến, văn bản đi: Sở Tư pháp và Sở Xây dựng, đủ các trạng thái{note}.\n")


def _incoming_states(office: People, start: datetime, now: datetime) -> None:
    _received(
        office,
        125,
        "V/v rà soát, đơn giản hóa thủ tục hành chính lĩnh vực tư pháp năm 2026",
        now - timedelta(hours=3),
        source=Source.PAPER,
    )
    _received(
        office,
        131,
        "V/v báo cáo tình hình thi hành pháp luật về xử lý vi phạm hành chính",
        now - timedelta(hours=1),
        urgency=Urgency.URGENT,
    )
    directed = _received(office, 118, "V/v tổ chức Ngày Pháp luật Việt Nam năm 2026", start + timedelta(days=7))
    direct(directed, office, start + timedelta(days=7, hours=2), 10)
    working = _received(
        office, 112, "V/v góp ý dự thảo Quyết định quy định phân cấp quản lý hộ tịch", start + timedelta(days=4)
    )
    direct(working, office, start + timedelta(days=4, hours=2), 15)
    incoming.perform(
        "progress",
        working,
        actor=office.specialist,
        now=start + timedelta(days=6),
        data={"note": "Đã tổng hợp ý kiến các phòng, đang hoàn thiện văn bản góp ý."},
    )
    late = _received(office, 104, "V/v kiểm tra công tác chứng thực tại UBND cấp xã", start)
    direct(late, office, start + timedelta(hours=2), 3)
    done = _received(office, 101, "V/v cung cấp số liệu đăng ký hộ tịch quý I năm 2026", start)
    direct(done, office, start + timedelta(hours=3), 5)
    incoming.perform(
        "complete",
        done,
        actor=office.specialist,
        now=start + timedelta(days=3),
        data={"result": "Đã gửi số liệu tại Báo cáo số 21/BC-STP."},
    )


def _outgoing_states(office: People, to: People, start: datetime, *, signing: bool) -> OutgoingDocument | None:
    government = "000.00.00.G12; Bộ Tư pháp"
    states = [
        (None, "Kế hoạch", "KH-STP", "Kế hoạch tuyên truyền, phổ biến giáo dục pháp luật năm 2026"),
        ("submit", "Báo cáo", "BC-STP", "Báo cáo kết quả công tác hộ tịch 6 tháng đầu năm 2026"),
        ("review", "Quyết định", "QĐ-STP", "Quyết định công nhận báo cáo viên pháp luật cấp tỉnh"),
        ("approve", "Thông báo", "TB-STP", "Thông báo lịch tiếp công dân tháng 4 năm 2026"),
        ("sign", "Giấy mời", "GM-STP", "Giấy mời dự hội nghị tập huấn nghiệp vụ chứng thực"),
        ("number", "Công văn", "STP-HCTP", "V/v hướng dẫn thực hiện liên thông đăng ký khai sinh, thường trú"),
    ]
    for number, (up_to, kind, notation, summary) in enumerate(states):
        document = draft(
            office, kind, notation, summary, "Nội dung văn bản mẫu.", [to.agency], "", start + timedelta(days=number)
        )
        if up_to:
            walk(document, office, up_to, start + timedelta(days=number), signing=signing)
    issued = draft(
        office,
        "Công văn",
        "STP-HCTP",
        "V/v phối hợp kiểm tra trật tự xây dựng tại các công trình có hồ sơ cấp phép",
        "Đề nghị Sở Xây dựng phối hợp.",
        [to.agency],
        government,
        start + timedelta(days=8),
    )
    issued = walk(issued, office, "issue", start + timedelta(days=8), signing=signing)
    recalled = draft(
        office,
        "Thông báo",
        "TB-STP",
        "Thông báo kết luận cuộc họp giao ban tháng 3 (bản có sai sót)",
        "Nội dung có sai sót.",
        [to.agency],
        "",
        start + timedelta(days=9),
    )
    recalled = walk(recalled, office, "issue", start + timedelta(days=9), signing=signing)
    if recalled.status == OutgoingStatus.ISSUED:
        outgoing.perform(
            "recall",
            recalled,
            actor=office.clerk,
            now=start + timedelta(days=9, hours=3),
            data={"reason": "Sai nội dung, sẽ ban hành văn bản thay thế."},
        )
    return issued if issued.status == OutgoingStatus.ISSUED else None


def _answers(
    office: People, sender: People, issued: OutgoingDocument | None, start: datetime, now: datetime, *, signing: bool
) -> None:
    """Sở Xây dựng registers the issued document, is directed and handles it (the sender follows it)."""
    if issued is None:
        return
    received = office.agency.incoming_documents.filter(origin=issued).first()
    if received is None:
        return
    moment = start + timedelta(days=8, hours=6)
    incoming.perform("register", received, actor=office.clerk, now=moment)
    direct(received, office, moment + timedelta(hours=1), 5, coordinate=[])
    incoming.perform(
        "progress",
        received,
        actor=office.specialist,
        now=moment + timedelta(days=1),
        data={"note": "Đã lập danh sách công trình, thống nhất lịch kiểm tra."},
    )


def _edxml_arrival(office: People, now: datetime) -> None:
    """A ministry's document, come over the document axis as an edXML package, waits to be registered."""
    package = edxml.DocumentPackage(
        sender=edxml.Organ("000.00.00.G12", "Bộ Tư pháp", address="60 Trần Phú, Ba Đình, Hà Nội"),
        recipients=(edxml.Organ(office.agency.identifier_code, office.agency.name),),
        number="1520",
        notation="BTP-HTQTCT",
        place="Hà Nội",
        promulgation_date=date(2026, 3, 2) if now.year == 2026 else now.date(),
        type_name="Công văn",
        subject="V/v triển khai chứng thực bản sao điện tử từ bản chính",
        signer_name="Nguyễn Thanh Tịnh",
        signer_position="Thứ trưởng",
        priority=1,
        pages=3,
        attachments=(
            edxml.Attachment(
                "1520-BTP-HTQTCT.pdf",
                demo_pdf(
                    "Bộ Tư pháp",
                    "Công văn",
                    "V/v triển khai chứng thực bản sao điện tử",
                    "Đề nghị Sở Tư pháp các tỉnh triển khai.",
                ),
            ),
        ),
        sent_at=now - timedelta(minutes=30),
    )
    delivery.receive_package(office.agency, edxml.build_document(package), actor=None, now=now - timedelta(minutes=20))


def _refused(office: People, now: datetime) -> None:
    """A package sent to the wrong agency: the clerk returns it, the sender gets status 02."""
    package = edxml.DocumentPackage(
        sender=edxml.Organ("000.00.00.H26", "Sở Tư pháp tỉnh Tuyên Quang"),
        recipients=(edxml.Organ(office.agency.identifier_code, office.agency.name),),
        number="88",
        notation="STP-VP",
        place="Tuyên Quang",
        promulgation_date=now.astimezone(VIETNAM_TZ).date(),
        type_name="Công văn",
        subject="V/v đề nghị xác minh thông tin hộ tịch của công dân Hoàng Văn Nam",
        signer_name="Đặng Văn Hải",
        attachments=(
            edxml.Attachment(
                "88-STP-VP.pdf",
                demo_pdf("Sở Tư pháp tỉnh Tuyên Quang", "Công văn", "V/v xác minh hộ tịch", "Đề nghị xác minh."),
            ),
        ),
        sent_at=now - timedelta(hours=2),
    )
    received = delivery.receive_package(
        office.agency, edxml.build_document(package), actor=None, now=now - timedelta(hours=2)
    )
    assert isinstance(received, IncomingDocument)  # noqa: S101 - a document package, built above
    incoming.perform(
        "refuse",
        received,
        actor=office.clerk,
        now=now - timedelta(hours=1),
        data={"reason": "Gửi nhầm: đề nghị gửi UBND phường nơi đăng ký hộ tịch."},
    )
