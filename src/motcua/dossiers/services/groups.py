"""Hồ sơ liên thông: the procedures of a group (nhóm TTHC liên thông) filed as one application.

The applicant fills in who they are once and brings (or uploads) each procedure's documents; every
procedure of the group gets its own dossier, routed by competence like any other, and all of them are
tied to one ``DossierGroup`` that gives the applicant one code ("LT-" and the first dossier's code),
one receipt and one combined status (``selectors.groups``). At the counter the group is received and
accepted in one transaction; online, the drafts are created together and sent together.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from motcua.accounts.models import Applicant, User
from motcua.catalogue.models import Procedure, ProcedureGroup
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers.constants import Channel, PaymentMethod, ReturnMethod, Status
from motcua.dossiers.inputs import ComponentData
from motcua.dossiers.models import Dossier, DossierGroup
from motcua.dossiers.services.applicants import ApplicantData, resolve_applicant_checked
from motcua.dossiers.services.base import now_or
from motcua.dossiers.services.intake import IntakeRequest, receive_dossier
from motcua.dossiers.services.online import create_online_draft, submit_online
from motcua.organisations.models import Agency


def members(group: ProcedureGroup) -> list[Procedure]:
    """The group's procedures in their order; a group that cannot be filed is refused."""
    if not group.is_active:
        raise DomainError("Nhóm thủ tục liên thông này không còn áp dụng.", code="group_inactive")
    procedures = [m.procedure for m in group.members.select_related("procedure").order_by("order", "pk")]
    if len(procedures) < 2:
        raise DomainError("Nhóm thủ tục liên thông cần ít nhất hai thủ tục.", code="group_incomplete")
    return procedures


@dataclass(frozen=True)
class GroupIntakeRequest:
    """What the one-stop officer received for a whole group: the applicant once, documents per procedure."""

    procedure_group: ProcedureGroup
    receiving_agency: Agency
    applicant: Applicant | ApplicantData
    # The documents received for each procedure, by procedure code.
    components: Mapping[str, Sequence[ComponentData]]
    channel: str = Channel.COUNTER
    postal_shipment_number: str = ""
    payment_method: str = PaymentMethod.CASH
    fees_paid: bool = False
    result_delivery: str = ReturnMethod.COUNTER
    delivery_address: str = ""
    note: str = ""


@transaction.atomic
def receive_group(request: GroupIntakeRequest, *, actor: User, now: datetime | None = None) -> DossierGroup:
    """Receive and accept every procedure of the group at once (each refusal names its procedure)."""
    moment = now_or(now)
    procedures = members(request.procedure_group)
    unknown = sorted(set(request.components) - {p.code for p in procedures})
    if unknown:
        message = f"Thủ tục không thuộc nhóm: {', '.join(unknown)}."
        raise DomainError(message, code="invalid", fields={"components": [message]})
    applicant, _ = resolve_applicant_checked(request.applicant, actor=actor)
    filing = DossierGroup.objects.create(
        procedure_group=request.procedure_group,
        applicant=applicant,
        receiving_agency=request.receiving_agency,
        channel=request.channel,
        created_at=moment,
        created_by=actor,
        submitted_at=moment,
    )
    received = []
    for procedure in procedures:
        intake = IntakeRequest(
            receiving_agency=request.receiving_agency,
            procedure=procedure,
            applicant=applicant,
            components=request.components.get(procedure.code, ()),
            channel=request.channel,
            postal_shipment_number=request.postal_shipment_number,
            payment_method=request.payment_method,
            fees_paid=request.fees_paid,
            result_delivery=request.result_delivery,
            delivery_address=request.delivery_address,
            note=request.note,
            group=filing,
        )
        with _naming(procedure):
            received.append(receive_dossier(intake, actor=actor, now=moment))
    return _registered(filing, received)


@transaction.atomic
def create_group_drafts(
    procedure_group: ProcedureGroup,
    applicant: Applicant,
    *,
    actor: User,
    receiving_agency: Agency,
    summary: str = "",
    now: datetime | None = None,
) -> DossierGroup:
    """Start the online application of a group: one draft per procedure, tied together."""
    moment = now_or(now)
    if applicant.user_id != actor.pk:
        raise PermissionDenied("Chỉ được nộp hồ sơ trực tuyến cho chính tài khoản của mình.")
    procedures = members(procedure_group)
    filing = DossierGroup.objects.create(
        procedure_group=procedure_group,
        applicant=applicant,
        receiving_agency=receiving_agency,
        channel=Channel.ONLINE,
        created_at=moment,
        created_by=actor,
    )
    for procedure in procedures:
        with _naming(procedure):
            create_online_draft(
                applicant,
                procedure,
                actor=actor,
                receiving_agency=receiving_agency,
                summary=summary,
                now=moment,
                group=filing,
            )
    return filing


@transaction.atomic
def submit_group(
    filing: DossierGroup,
    *,
    actor: User,
    result_delivery: str,
    delivery_address: str = "",
    now: datetime | None = None,
) -> DossierGroup:
    """Send every draft of the group together: all of them, or none (each refusal names its procedure)."""
    moment = now_or(now)
    drafts = list(filing.dossiers.filter(status=Status.DRAFT).select_related("procedure").order_by("pk"))
    if not drafts:
        raise DomainError("Hồ sơ liên thông này đã được nộp.", code="already_submitted")
    sent = []
    for draft in drafts:
        with _naming(draft.procedure):
            sent.append(
                submit_online(
                    draft, actor=actor, result_delivery=result_delivery, delivery_address=delivery_address, now=moment
                )
            )
    filing.submitted_at = moment
    return _registered(filing, sent)


def _registered(filing: DossierGroup, dossiers: Sequence[Dossier]) -> DossierGroup:
    filing.code = f"LT-{dossiers[0].code}"
    filing.save(update_fields=["code", "submitted_at"])
    return filing


@contextmanager
def _naming(procedure: Procedure) -> Iterator[None]:
    """Prefix a refusal with the procedure it concerns: the applicant sees several at once."""
    try:
        yield
    except DomainError as error:
        if not isinstance(error, PermissionDenied):
            error.message = f"{procedure.name}: {error.message}"
        raise
