"""Online submission as the portal runs it, on top of the dossier engine's services.

The engine owns the dossier; this module adds what the portal asks of the citizen around it:
where to send it, paying the fees online before sending (the engine records the confirmed
payment and sends the confirmation e-mail).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import Applicant, User
from motcua.catalogue.constants import Channel
from motcua.catalogue.fees import fees_due, unpriced
from motcua.catalogue.fees import total as fees_total
from motcua.catalogue.models import Procedure, ProcedureVersion
from motcua.catalogue.selectors import fee_items, submittable_online, version_in_force
from motcua.core.exceptions import DomainError
from motcua.dossiers.constants import PaymentMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.payment_link import payment_subject
from motcua.dossiers.services import online
from motcua.dossiers.services.fees import exemptions_stated
from motcua.organisations.models import Agency, AgencyKind, UnitLevel
from motcua.payments import selectors as payment_selectors
from motcua.payments import services as payment_services
from motcua.payments.models import Payment
from motcua.portal.uploads import check


@dataclass(frozen=True)
class FeeSummary:
    lines: list[tuple[str, int | None]]
    total_vnd: int
    # An amount "set elsewhere" (None) cannot be paid online: the one-stop unit collects it.
    payable_online: bool
    # The exempt cases the fee table states (the applicant may claim one before paying).
    exemptions: tuple[str, ...] = ()


def current_version(procedure: Procedure) -> ProcedureVersion:
    return version_in_force(procedure, timezone.localdate())


def allows_online(version: ProcedureVersion) -> bool:
    return submittable_online(version)


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


def fee_summary(version: ProcedureVersion, *, exempt: bool = False) -> FeeSummary:
    """The fees of an online submission: the published online rates, not every channel's.

    ``exempt``: the applicant claimed an exempt case, so the rows stating exempt cases are charged 0.
    """
    items = fee_items(version.pk)
    due = fees_due(items, Channel.ONLINE, exempt=exempt)
    lines: list[tuple[str, int | None]] = [(line.name, line.amount_vnd) for line in due]
    set_elsewhere = unpriced(items, Channel.ONLINE)
    lines += [(name, None) for name in set_elsewhere]
    return FeeSummary(lines, fees_total(due), not set_elsewhere, tuple(exemptions_stated(version.pk)))


def draft_fees(dossier: Dossier) -> FeeSummary:
    """What the draft will be charged, with the exempt case its applicant claimed."""
    return fee_summary(dossier.procedure_version, exempt=bool(dossier.fee_exemption))


def paid_payment(dossier: Dossier) -> Payment | None:
    return payment_selectors.paid_payment_for_subject(payment_subject(dossier))


def needs_online_payment(dossier: Dossier) -> bool:
    fees = draft_fees(dossier)
    return fees.payable_online and fees.total_vnd > 0 and paid_payment(dossier) is None


def start_draft(*, user: User, applicant: Applicant, procedure: Procedure, agency: Agency, summary: str) -> Dossier:
    return online.create_online_draft(applicant, procedure, actor=user, receiving_agency=agency, summary=summary)


# The engine names the delivery fields after the dossier's; the draft form after what the citizen reads.
FORM_FIELDS = {"result_delivery": "delivery_method", "delivery_address": "postal_address"}


def for_form(error: DomainError) -> DomainError:
    fields = {FORM_FIELDS.get(name, name): messages for name, messages in error.fields.items()}
    return DomainError(error.message, code=error.code, fields=fields)


def save_delivery(dossier: Dossier, *, method: str, postal_address: str, actor: User) -> Dossier:
    try:
        return online.update_draft(dossier, actor=actor, result_delivery=method, delivery_address=postal_address)
    except DomainError as error:
        raise for_form(error) from error


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


def begin_payment(dossier: Dossier, *, actor: User, return_url: str, client_ip: str = "") -> str:
    """Open the payment of the draft's fees; returns the gateway URL."""
    fees = draft_fees(dossier)
    if not fees.payable_online or fees.total_vnd <= 0:
        raise DomainError("Hồ sơ này không có khoản phí thanh toán trực tuyến.", code="nothing_to_pay")
    _payment, url = payment_services.start_payment(
        amount_vnd=fees.total_vnd,
        description=f"Phí, lệ phí: {dossier.procedure.name}"[:255],
        callback_url=reverse("portal:payment_callback", args=[settings.PAYMENT_GATEWAY]),
        return_url=return_url,
        subject=payment_subject(dossier),
        actor=actor,
        client_ip=client_ip,  # VNPAY asks for the payer's address (vnp_IpAddr)
    )
    return url


def claim_exemption(dossier: Dossier, *, case: str, actor: User) -> Dossier:
    """State (or, with ``""``, withdraw) the exempt case; refused once a payment is under way."""
    if paid_payment(dossier) is not None:
        message = "Phí, lệ phí đã được thanh toán; không thể khai miễn cho hồ sơ này."
        raise DomainError(message, code="invalid", fields={"fee_exemption": [message]})
    return online.claim_fee_exemption(dossier, actor=actor, case=case)


def submit(dossier: Dossier, *, actor: User) -> Dossier:
    """Send the draft once online fees are paid; the engine checks the rest and confirms by e-mail."""
    if needs_online_payment(dossier):
        raise DomainError("Vui lòng thanh toán phí, lệ phí trước khi nộp hồ sơ.", code="payment_required")
    try:
        return online.submit_online(dossier, actor=actor, payment_method=PaymentMethod.NONE)
    except DomainError as error:
        raise for_form(error) from error
