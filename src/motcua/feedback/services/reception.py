"""Receiving feedback on every channel: the portal, the counter and hotline (an officer records it), the API.

Everything is checked before the first write; the item is routed at once when a rule decides its agency
(``routing.route_for``), otherwise it waits in the coordinator's inbox.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from motcua.accounts.roles import DOSSIER_ROLES
from motcua.accounts.selectors import agencies_for, citizen_profile, is_active_user
from motcua.catalogue.models import Procedure
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.core.uploads import validate_uploads
from motcua.dossiers.models import Dossier
from motcua.feedback import routing
from motcua.feedback.constants import CODE_PREFIX, Channel, Status
from motcua.feedback.deadlines import answer_due
from motcua.feedback.models import Attachment, Category, FeedbackItem
from motcua.feedback.privacy import same_phone
from motcua.feedback.services.base import now_or, record, tell_citizen
from motcua.integrations.models import ApiClient
from motcua.organisations.models import AdministrativeUnit, Agency

MAX_FILES = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the hotline


@dataclass
class Submission:
    """What a citizen (or the officer recording for them) gives."""

    category: str
    title: str
    content: str
    anonymous: bool = False
    name: str = ""
    phone: str = ""
    email: str = ""
    unit_code: str = ""
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    dossier_code: str = ""
    dossier_contact: str = ""  # the dossier applicant's phone or ID number, when not the phone above
    procedure_code: str = ""
    agency_id: int | None = None
    files: list[UploadedFile] = field(default_factory=list)


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)

    def raise_any(self) -> None:
        if self.fields:
            first = next(iter(self.fields.values()))[0]
            raise DomainError(first, code="invalid", fields=self.fields)


def _category(code: str, errors: _Errors) -> Category | None:
    category = Category.objects.filter(code=code, is_active=True).select_related("default_agency").first()
    if category is None:
        errors.add("category", "Chọn lĩnh vực phản ánh.")
    return category


def _check_texts(data: Submission, errors: _Errors) -> None:
    if len(data.title.strip()) < 5:
        errors.add("title", "Tiêu đề cần ít nhất 5 ký tự.")
    if len(data.title) > 200:
        errors.add("title", "Tiêu đề tối đa 200 ký tự.")
    if len(data.content.strip()) < 10:
        errors.add("content", "Nội dung cần ít nhất 10 ký tự.")
    if len(data.content) > 4000:
        errors.add("content", "Nội dung tối đa 4000 ký tự.")


def _check_contact(data: Submission, category: Category | None, errors: _Errors) -> None:
    if data.anonymous:
        if category is not None and not category.allows_anonymous:
            errors.add(
                "anonymous", "Lĩnh vực này không nhận phản ánh ẩn danh; vui lòng để lại họ tên và số điện thoại."
            )
        return
    if not data.name.strip():
        errors.add("name", "Nhập họ tên.")
    if not (data.phone.strip() or data.email.strip()):
        errors.add("phone", "Nhập số điện thoại hoặc thư điện tử để nhận trả lời.")
    digits = "".join(ch for ch in data.phone if ch.isdigit())
    if data.phone.strip() and not 9 <= len(digits) <= 12:
        errors.add("phone", "Số điện thoại không hợp lệ.")


def _check_place(data: Submission, errors: _Errors) -> AdministrativeUnit | None:
    if (data.latitude is None) != (data.longitude is None):
        errors.add("latitude", "Cần cả vĩ độ và kinh độ.")
    if data.latitude is not None and not Decimal(-90) <= data.latitude <= Decimal(90):
        errors.add("latitude", "Vĩ độ phải từ -90 đến 90.")
    if data.longitude is not None and not Decimal(-180) <= data.longitude <= Decimal(180):
        errors.add("longitude", "Kinh độ phải từ -180 đến 180.")
    if not data.unit_code:
        return None
    unit = AdministrativeUnit.objects.filter(code=data.unit_code).first()
    if unit is None:
        errors.add("unit", "Không tìm thấy xã, phường đã chọn.")
    return unit


def _check_dossier(data: Submission, errors: _Errors) -> Dossier | None:
    """A dossier is linked only for whoever knows its code and its applicant's phone or ID number (as for
    tracking); ``dossier_contact`` when given, else the phone the citizen left."""
    code = data.dossier_code.strip().upper()
    if not code:
        return None
    dossier = Dossier.objects.filter(code=code).first() if len(code) <= 64 else None
    contact = (data.dossier_contact or data.phone).strip()
    matches = dossier is not None and (
        same_phone(dossier.applicant_phone, contact)
        or (bool(dossier.applicant_id_number) and dossier.applicant_id_number == contact)
    )
    if dossier is None or not matches:
        errors.add("dossier_code", "Không tìm thấy hồ sơ với mã và số điện thoại đã nhập.")
        return None
    return dossier


def _check_links(data: Submission, errors: _Errors) -> tuple[Procedure | None, Agency | None]:
    procedure = agency = None
    if data.procedure_code:
        procedure = Procedure.objects.filter(code=data.procedure_code.strip()).first()
        if procedure is None:
            errors.add("procedure", "Không tìm thấy thủ tục.")
    if data.agency_id is not None:
        agency = Agency.objects.filter(pk=data.agency_id, is_active=True).first()
        if agency is None:
            errors.add("agency", "Không tìm thấy cơ quan.")
    return procedure, agency


def _check_files(files: list[UploadedFile], errors: _Errors) -> None:
    if len(files) > MAX_FILES:
        errors.add("files", f"Đính kèm tối đa {MAX_FILES} tệp.")
        return
    validate_uploads(files, field="files")


def new_code(now: datetime.datetime) -> str:
    """A tracking code like ``PA-261204-7KQ2M9``: the day, then six characters hard to guess."""
    while True:
        tail = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        code = f"{CODE_PREFIX}-{now:%y%m%d}-{tail}"
        if not FeedbackItem.objects.filter(code=code).exists():
            return code


def _check_channel(channel: str, actor: Any, api_client: ApiClient | None) -> None:
    if channel in (Channel.COUNTER, Channel.HOTLINE) and not agencies_for(actor, DOSSIER_ROLES).exists():
        raise PermissionDenied("Chỉ cán bộ tiếp nhận mới ghi nhận phản ánh tại quầy hoặc qua đường dây nóng.")
    if channel == Channel.API and api_client is None:
        raise PermissionDenied("Phản ánh qua API cần khóa của hệ thống kết nối.")


@transaction.atomic
def submit_feedback(
    data: Submission,
    *,
    channel: str,
    actor: Any = None,
    api_client: ApiClient | None = None,
    now: datetime.datetime | None = None,
) -> FeedbackItem:
    """Receive one item; returns it with its tracking code and its due date."""
    now = now_or(now)
    _check_channel(channel, actor, api_client)
    citizen = actor if channel == Channel.PORTAL and is_active_user(actor) else None
    if citizen is not None and not data.anonymous:
        profile = citizen_profile(citizen)
        data.name = data.name or profile["full_name"]
        data.phone = data.phone or profile["phone"]
        data.email = data.email or profile["email"]
    errors = _Errors()
    category = _category(data.category, errors)
    _check_texts(data, errors)
    _check_contact(data, category, errors)
    unit = _check_place(data, errors)
    dossier = _check_dossier(data, errors)
    procedure, agency = _check_links(data, errors)
    errors.raise_any()
    _check_files(data.files, errors)
    assert category is not None  # noqa: S101 - errors.raise_any() refused a missing category
    keep_contact = not data.anonymous
    item = FeedbackItem.objects.create(
        code=new_code(now),
        category=category,
        channel=channel,
        title=data.title.strip(),
        content=data.content.strip(),
        is_anonymous=data.anonymous,
        citizen=citizen if keep_contact else None,
        citizen_name=data.name.strip() if keep_contact else "",
        citizen_phone=data.phone.strip() if keep_contact else "",
        citizen_email=data.email.strip() if keep_contact else "",
        unit=unit,
        address=data.address.strip(),
        latitude=data.latitude,
        longitude=data.longitude,
        dossier=dossier,
        procedure=procedure,
        mentioned_agency=agency or (dossier.competent_agency if dossier else None),
        received_at=now,
        due_at=answer_due(now, category.answer_days),
        api_client=api_client,
    )
    for upload in data.files:
        Attachment.objects.create(item=item, file=upload, name=upload.name or "tep", uploaded_at=now)
    recorder = actor if channel in (Channel.COUNTER, Channel.HOTLINE) else citizen
    record(
        item, "receive", actor=recorder, now=now, status_before="", data={"channel": channel, "files": len(data.files)}
    )
    _route_automatically(item, now)
    tell_citizen(
        item,
        "Đã tiếp nhận phản ánh",
        f"Phản ánh “{item.title}” đã được tiếp nhận với mã {item.code}. Hạn trả lời: {item.due_at:%d/%m/%Y %H:%M}. "
        "Tra cứu bằng mã và số điện thoại trên Cổng dịch vụ công.",
    )
    return item


def _route_automatically(item: FeedbackItem, now: datetime.datetime) -> None:
    agency = routing.route_for(item.category, item.unit)
    if agency is None:
        return
    item.handling_agency = agency
    item.status = Status.ROUTED
    item.routed_at = now
    item.save(update_fields=["handling_agency", "status", "routed_at"])
    record(item, "route", actor=None, now=now, status_before=Status.RECEIVED, data={"automatic": True})
