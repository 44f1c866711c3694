"""The write path of certification: issuing an electronic certified copy, recording its reuse in a dossier."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from motcua.accounts.models import Applicant, Membership, User
from motcua.certification import copy, numbering, selectors
from motcua.certification.fees import copy_fee
from motcua.certification.models import CertificationEvent, CertifiedCopy
from motcua.core.exceptions import DomainError
from motcua.core.uploads import sniff, validate_uploads
from motcua.organisations.models import Agency
from motcua.signatures import selectors as signing_keys
from motcua.signatures import services as signing
from motcua.signatures.models import DocumentPurpose
from motcua.workdays.constants import VIETNAM_TZ

ID_NUMBER = re.compile(r"^\d{12}$")
PHONE = re.compile(r"^0\d{9,10}$")
MAX_IMAGES = 30


@dataclass(frozen=True)
class CopyRequest:
    """What the officer records at the counter."""

    citizen_name: str
    citizen_id_number: str
    document_name: str
    files: list[UploadedFile] = field(default_factory=list)
    original_checked: bool = False  # the officer compared the scan with the original presented
    citizen_phone: str = ""
    document_issuer: str = ""
    certifier_title: str = ""


def _errors(request: CopyRequest) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def refuse(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not request.citizen_name.strip():
        refuse("citizen_name", "Cần nhập họ tên người yêu cầu chứng thực.")
    if not ID_NUMBER.match(request.citizen_id_number.strip()):
        refuse("citizen_id_number", "Số định danh cá nhân gồm đúng 12 chữ số.")
    if request.citizen_phone.strip() and not PHONE.match(request.citizen_phone.strip()):
        refuse("citizen_phone", "Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0.")
    if not request.document_name.strip():
        refuse("document_name", "Cần nhập tên giấy tờ, văn bản được chứng thực.")
    if not request.files:
        refuse("files", "Cần tải lên bản quét của bản chính (một tệp PDF hoặc các ảnh JPG/PNG, mỗi ảnh một trang).")
    if not request.original_checked:
        refuse("original_checked", "Cần xác nhận đã đối chiếu bản quét với bản chính người yêu cầu xuất trình.")
    return errors


def _scan(files: list[UploadedFile]) -> copy.Scan:
    validate_uploads(files, field="files")
    kinds = []
    for upload in files:
        kinds.append(sniff(upload))
        upload.seek(0)
    if "pdf" in kinds and len(files) > 1:
        raise DomainError(
            "Bản quét là một tệp PDF, hoặc các ảnh (mỗi ảnh một trang), không trộn lẫn.",
            code="invalid",
            fields={"files": ["Chỉ một tệp PDF, hoặc nhiều ảnh."]},
        )
    if len(files) > MAX_IMAGES:
        raise DomainError(f"Tối đa {MAX_IMAGES} ảnh cho một bản sao.", code="invalid", fields={"files": []})
    kind = "pdf" if kinds[0] == "pdf" else "image"
    return copy.Scan(kind=kind, pages=tuple(upload.read() for upload in files))


def _require_keys(agency: Agency, actor: User) -> None:
    if signing_keys.agency_key(agency) is None:
        raise DomainError(
            "Cơ quan chưa có khóa ký số nên chưa cấp được bản sao điện tử: đề nghị quản trị hệ thống đăng ký khóa.",
            code="no_signing_key",
        )
    if signing_keys.official_key(actor) is None:
        raise DomainError(
            "Người thực hiện chứng thực chưa có chữ ký số: đề nghị quản trị hệ thống đăng ký khóa của bạn.",
            code="no_signing_key",
        )


def _citizen_account(id_number: str) -> User | None:
    row = Applicant.objects.filter(id_number=id_number, user__isnull=False).select_related("user").first()
    return row.user if row is not None else None


@transaction.atomic
def issue_copy(request: CopyRequest, *, agency: Agency, actor: User, now: datetime) -> CertifiedCopy:
    """Number the copy in the unit's register, render it with its certification text, sign it (the certifying
    person over their name, then the unit) and keep it for the citizen."""
    errors = _errors(request)
    if errors:
        raise DomainError("Thông tin yêu cầu chứng thực chưa đầy đủ hoặc chưa đúng.", code="invalid", fields=errors)
    if not selectors.may_certify(actor, agency):
        raise DomainError("Bạn không có quyền chứng thực tại cơ quan này.", code="permission_denied")
    _require_keys(agency, actor)
    scan = _scan(request.files)
    local = now.astimezone(VIETNAM_TZ)
    number = numbering.next_number(agency, local.year)
    pages = copy.page_count(scan)
    rate = selectors.fee_rate(local.date())
    fee = copy_fee(pages, first_pages_rate=rate) if rate else 0
    context = _context(request, agency=agency, actor=actor, number=number, issued=local, fee=fee)
    content, boxes = copy.render_copy(scan, context)
    book = numbering.book_label(local.year)
    issued = signing.sign_issued(
        content,
        agency=agency,
        person=actor,
        name=f"ban-sao-chung-thuc-{local.year}-{number:02d}.pdf",
        purpose=DocumentPurpose.CERTIFIED_COPY,
        reference=f"{number:02d}/{book}",
        now=now,
        boxes=boxes,
    )
    if issued is None:  # the key was checked above; retired meanwhile
        raise DomainError("Cơ quan chưa có khóa ký số nên chưa cấp được bản sao điện tử.", code="no_signing_key")
    certified = CertifiedCopy.objects.create(
        agency=agency,
        year=local.year,
        number=number,
        book=book,
        issued_at=now,
        certifier=actor,
        certifier_title=context["certifier_title"],
        citizen=_citizen_account(request.citizen_id_number.strip()),
        citizen_name=request.citizen_name.strip(),
        citizen_id_number=request.citizen_id_number.strip(),
        citizen_phone=request.citizen_phone.strip(),
        document_name=request.document_name.strip(),
        document_issuer=request.document_issuer.strip(),
        pages=pages,
        fee_vnd=fee,
        signed=issued.document,
    )
    _record(certified, "issued", actor=actor, now=now, data={"number": number, "book": book, "pages": pages})
    return certified


def _title(actor: User, agency: Agency) -> str:
    """The certifier's title in the unit (their membership's), when the form gives none."""
    row = Membership.objects.filter(user=actor, agency=agency, is_active=True).exclude(title="").first()
    return row.title if row is not None else ""


def _fee_text(fee: int) -> str:
    return f"{fee:,} đồng".replace(",", ".")


def _context(
    request: CopyRequest, *, agency: Agency, actor: User, number: int, issued: datetime, fee: int
) -> dict[str, Any]:
    governing = agency.parent.name if agency.parent_id and agency.parent else f"UBND tỉnh {settings.PROVINCE_NAME}"
    key = signing_keys.agency_key(agency)
    return {
        "header": {"governing": governing.upper(), "agency": agency.name.upper()},
        "place": settings.PROVINCE_NAME,
        "issued_on": f"ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}",
        "certification_text": numbering.certification_text(number, issued.year),
        "document_name": request.document_name.strip(),
        "document_issuer": request.document_issuer.strip(),
        "citizen_name": request.citizen_name.strip(),
        "certifier_name": actor.full_name,
        "certifier_title": request.certifier_title.strip() or _title(actor, agency),
        "fee_text": _fee_text(fee) if fee else "",
        # Signed with the test CA's certificates: the copy says it has no legal value.
        "test_keys": key is not None and "TEST" in key.certificate_subject,
    }


@transaction.atomic
def record_reuse(certified: CertifiedCopy, *, dossier_reference: str, actor: User, now: datetime) -> CertifiedCopy:
    """The citizen used the copy in a dossier instead of a new paper copy (Decision 766: reuse)."""
    locked = CertifiedCopy.objects.select_for_update().get(pk=certified.pk)
    locked.reuse_count += 1
    locked.save(update_fields=["reuse_count"])
    _record(locked, "reused", actor=actor, now=now, data={"dossier": dossier_reference})
    return locked


def _record(
    certified: CertifiedCopy, action: str, *, actor: User | None, now: datetime, data: dict[str, Any] | None = None
) -> None:
    CertificationEvent.objects.create(
        certified_copy=certified, action=action, actor=actor, occurred_at=now, data=data or {}
    )
