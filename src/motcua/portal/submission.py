"""Online submission as the portal runs it, on top of the dossier engine's services.

The engine owns the dossier; this module adds what the portal asks of the citizen around it:
where to receive the result, paying the fees online before sending, the confirmation e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import Applicant, User
from motcua.catalogue.constants import OnlineLevel
from motcua.catalogue.models import Procedure, ProcedureVersion
from motcua.catalogue.selectors import version_in_force
from motcua.core.exceptions import DomainError
from motcua.dossiers.constants import PaymentMethod, ReturnMethod, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import online
from motcua.notifications.services import notify
from motcua.organisations.models import Agency, AgencyKind, UnitLevel
from motcua.payments import selectors as payment_selectors
from motcua.payments import services as payment_services
from motcua.payments.models import Payment
from motcua.payments.money import format_vnd
from motcua.portal.models import DeliveryChoice
from motcua.portal.uploads import check


@dataclass(frozen=True)
class FeeSummary:
    lines: list[tuple[str, int | None]]
    total_vnd: int
    # An amount "set elsewhere" (None) cannot be paid online: the one-stop unit collects it.
    payable_online: bool


def current_version(procedure: Procedure) -> ProcedureVersion:
    return version_in_force(procedure, timezone.localdate())


def allows_online(version: ProcedureVersion) -> bool:
    return version.online_level != OnlineLevel.NONE


def receiving_agencies(version: ProcedureVersion) -> list[Agency]:
    """Where an online dossier of this version may be sent.

    Reception is the one-stop units' job (Decree 118/2025): the province's service centre for
    province-level procedures, the communes' one-stop units for commune-level ones (the citizen
    picks theirs). Without such units in the organisation tree, the competent agencies receive.
    """
    levels = [
        level
        for level, offered in (
            (UnitLevel.PROVINCE, version.at_province_level),
            (UnitLevel.DISTRICT, version.at_district_level),
            (UnitLevel.COMMUNE, version.at_commune_level),
        )
        if offered
    ]
    units = Agency.objects.filter(
        is_active=True, kind__in=[AgencyKind.SERVICE_CENTRE, AgencyKind.ONE_STOP_UNIT], level__in=levels
    )
    found = list(units.order_by("name"))
    return found or list(version.competent_agencies.filter(is_active=True).order_by("name"))


def fee_summary(version: ProcedureVersion) -> FeeSummary:
    lines = [(fee.name, fee.amount_vnd) for fee in version.fees.all().order_by("order")]
    total = sum(amount or 0 for _name, amount in lines)
    return FeeSummary(lines, total, all(amount is not None for _n, amount in lines))


def payment_subject(dossier: Dossier) -> str:
    return f"dossier:{dossier.reference}"


def paid_payment(dossier: Dossier) -> Payment | None:
    return payment_selectors.paid_payment_for_subject(payment_subject(dossier))


def needs_online_payment(dossier: Dossier) -> bool:
    fees = fee_summary(dossier.procedure_version)
    return fees.payable_online and fees.total_vnd > 0 and paid_payment(dossier) is None


def start_draft(*, user: User, applicant: Applicant, procedure: Procedure, agency: Agency, summary: str) -> Dossier:
    return online.create_online_draft(applicant, procedure, actor=user, receiving_agency=agency, summary=summary)


@transaction.atomic
def save_delivery(dossier: Dossier, *, method: str, postal_address: str, actor: User) -> DeliveryChoice:
    if dossier.status != Status.DRAFT or dossier.applicant.user_id != actor.pk:
        raise DomainError("Chỉ thay đổi được cách nhận kết quả của hồ sơ nháp của mình.", code="not_draft")
    if method not in ReturnMethod.values:
        message = "Chọn cách nhận kết quả."
        raise DomainError(message, code="invalid", fields={"delivery_method": [message]})
    if method == ReturnMethod.POSTAL and not postal_address.strip():
        message = "Nhập địa chỉ nhận kết quả qua bưu chính."
        raise DomainError(message, code="invalid", fields={"postal_address": [message]})
    if method == ReturnMethod.ELECTRONIC and not dossier.procedure_version.result_electronic_allowed:
        message = "Thủ tục này chưa trả kết quả điện tử; chọn nhận tại Bộ phận Một cửa hoặc qua bưu chính."
        raise DomainError(message, code="invalid", fields={"delivery_method": [message]})
    choice, _created = DeliveryChoice.objects.update_or_create(
        dossier=dossier,
        defaults={
            "method": method,
            "postal_address": postal_address.strip() if method == ReturnMethod.POSTAL else "",
            "updated_at": timezone.now(),
        },
    )
    return choice


def attach_files(dossier: Dossier, uploads: dict[int, list[UploadedFile]], *, actor: User) -> dict[int, list[str]]:
    """Attach every acceptable file to its checklist line; return the rejections per line.

    Good files are kept even when others are rejected, so the citizen only redoes what failed.
    """
    rejected: dict[int, list[str]] = {}
    for component_id, files in uploads.items():
        for upload in files:
            problem = check(upload)
            if problem is not None:
                rejected.setdefault(component_id, []).append(problem.message)
                continue
            online.attach_file_to_component(dossier, component_id, upload, actor=actor)
    return rejected


def begin_payment(dossier: Dossier, *, actor: User, return_url: str) -> str:
    """Open the payment of the draft's fees; returns the gateway URL."""
    fees = fee_summary(dossier.procedure_version)
    if not fees.payable_online or fees.total_vnd <= 0:
        raise DomainError("Hồ sơ này không có khoản phí thanh toán trực tuyến.", code="nothing_to_pay")
    _payment, url = payment_services.start_payment(
        amount_vnd=fees.total_vnd,
        description=f"Phí, lệ phí: {dossier.procedure.name}"[:255],
        callback_url=reverse("portal:payment_callback", args=[settings.PAYMENT_GATEWAY]),
        return_url=return_url,
        subject=payment_subject(dossier),
        actor=actor,
    )
    return url


@transaction.atomic
def submit(dossier: Dossier, *, actor: User, detail_url: str) -> Dossier:
    """Send the draft: the result delivery is chosen and online fees are paid first."""
    if not DeliveryChoice.objects.filter(dossier=dossier).exists():
        message = "Chọn cách nhận kết quả trước khi nộp."
        raise DomainError(message, code="invalid", fields={"delivery_method": [message]})
    if needs_online_payment(dossier):
        raise DomainError("Vui lòng thanh toán phí, lệ phí trước khi nộp hồ sơ.", code="payment_required")
    method = PaymentMethod.ONLINE if paid_payment(dossier) else PaymentMethod.NONE
    submitted = online.submit_online(dossier, actor=actor, payment_method=method)
    transaction.on_commit(lambda: send_confirmation(submitted.pk, detail_url))
    return submitted


def send_confirmation(dossier_id: int, detail_url: str) -> Any:
    dossier = Dossier.objects.select_related("procedure", "receiving_agency").get(pk=dossier_id)
    payment = paid_payment(dossier)
    lines = [
        f"Kính gửi {dossier.applicant_name},",
        "",
        f"Hồ sơ của ông/bà đã được gửi thành công. Mã hồ sơ: {dossier.code}.",
        f"Thủ tục: {dossier.procedure.name}.",
        f"Nơi tiếp nhận: {dossier.receiving_agency.name}.",
        f"Thời điểm nộp: {timezone.localtime(dossier.submitted_at):%H:%M ngày %d/%m/%Y}."
        if dossier.submitted_at
        else None,
        f"Đã thanh toán: {format_vnd(payment.amount_vnd)} (biên lai {payment.receipt_number})." if payment else None,
        "",
        "Cán bộ Bộ phận Một cửa sẽ kiểm tra và thông báo việc tiếp nhận. Theo dõi hồ sơ tại:",
        f"{settings.SITE_URL.rstrip('/')}{detail_url}",
    ]
    return notify(
        subject=f"Đã nhận hồ sơ trực tuyến {dossier.code}",
        body="\n".join(line for line in lines if line is not None),
        emails=[dossier.applicant_email],
        topic="dossier.submitted",
        reference=dossier.code or "",
    )
