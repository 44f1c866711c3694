"""A dossier's fees: the rows charged (from the fee table for the dossier's channel, or entered by
an official) and the payments, recorded once per payment reference with the receipt as a dossier file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from motcua.accounts.models import User
from motcua.catalogue.selectors import fee_items, fees_due_for
from motcua.core.exceptions import DomainError
from motcua.core.limits import check_amount_vnd
from motcua.dossiers import events
from motcua.dossiers.constants import PaymentMethod, Status
from motcua.dossiers.models import Dossier, DossierEvent, DossierFee, FilePurpose
from motcua.dossiers.services.base import lock, now_or, record
from motcua.dossiers.services.notices import sign, store_issued

ACTION = events.RECORD_FEE_PAYMENT


@dataclass
class FeeData:
    name: str
    amount_vnd: int


def set_fees(dossier: Dossier, fees: Sequence[FeeData] | None, payment_method: str, *, exempt: bool = False) -> None:
    """Replace the fees with the input, or what the fee table charges for the dossier's channel;
    the total and the method are captured."""
    dossier.fees.all().delete()
    DossierFee.objects.bulk_create(price(dossier, fees, payment_method, exempt=exempt))


def price(
    dossier: Dossier, fees: Sequence[FeeData] | None, payment_method: str, *, exempt: bool = False
) -> list[DossierFee]:
    """The fee rows (not saved) and, on the dossier, their total and how they are paid.

    Without ``fees`` entered by an official, the rows are the published rates of the dossier's
    channel (``catalogue.fees.fees_due``); ``exempt``: the applicant is in an exempt case.
    """
    if fees is None:
        rows = [
            DossierFee(dossier=dossier, name=line.name, amount_vnd=line.amount_vnd)
            for line in fees_due_for(dossier.procedure_version_id, dossier.channel, exempt=exempt)
        ]
    else:
        rows = [
            DossierFee(dossier=dossier, name=f.name, amount_vnd=check_amount_vnd(f.amount_vnd, field="fees"))
            for f in fees
        ]
    dossier.fee_total_vnd = sum(r.amount_vnd for r in rows)
    dossier.payment_method = payment_method if dossier.fee_total_vnd else PaymentMethod.NONE
    return rows


def exemptions_stated(version_id: int) -> list[str]:
    """The exempt cases the version's fee table states (its rows' ``exemptions``), without repeats."""
    return list(dict.fromkeys(item.exemptions.strip() for item in fee_items(version_id) if item.exemptions.strip()))


def fee_facts(dossier: Dossier, fee_exemption: str) -> dict[str, object]:
    """What the registration records of the fees: the amount collected at the counter (refunds are
    checked against it) and the exempt case proved."""
    facts: dict[str, object] = {}
    if dossier.fees_paid and dossier.fee_total_vnd:
        facts["fees_paid_vnd"] = dossier.fee_total_vnd
    if fee_exemption:
        facts["fee_exemption"] = fee_exemption
    return facts


def fee_payment_recorded(dossier: Dossier, reference: str) -> bool:
    return DossierEvent.objects.filter(dossier=dossier, action=ACTION, data__reference=reference).exists()


@transaction.atomic
def record_fee_payment(
    dossier: Dossier | int,
    *,
    amount_vnd: int,
    method: str,
    reference: str,
    paid_at: datetime,
    actor: User | None,
    receipt_name: str = "",
    receipt_pdf: bytes | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Record that the dossier's fees were paid (``reference``: the payment's own reference).

    Not a workflow transition: the money was taken, so the fact is recorded whatever the status.
    The same reference again changes nothing (gateways repeat their notices).
    """
    moment = now_or(now)
    if method not in PaymentMethod.values or method == PaymentMethod.NONE:
        raise DomainError("Hình thức nộp phí không hợp lệ.", code="invalid", fields={"method": []})
    check_amount_vnd(amount_vnd, minimum=1)
    if not reference:
        raise DomainError("Thiếu mã giao dịch thanh toán.", code="invalid", fields={"reference": []})
    locked = lock(dossier)
    if fee_payment_recorded(locked, reference):
        return locked
    if locked.status == Status.DRAFT:
        # A draft's fees are captured at submission; capture them now to compare with the amount.
        set_fees(locked, None, method)
    locked.payment_method = method
    locked.fees_paid = amount_vnd >= locked.fee_total_vnd
    locked.version += 1
    locked.save()
    files = []
    if receipt_pdf is not None:
        name = receipt_name or f"bien-lai-{reference}.pdf"
        if locked.receiving_agency_id:  # the unit collecting the fee signs its receipt when it has a key
            receipt_pdf = sign(
                locked, receipt_pdf, agency=locked.receiving_agency, purpose=FilePurpose.RECEIPT, name=name, now=moment
            )
        store_issued(locked, receipt_pdf, name=name, purpose=FilePurpose.RECEIPT, now=moment, by=None)
        files.append(name)
    record(
        locked,
        ACTION,
        user=actor,
        now=moment,
        role="applicant" if actor is not None and locked.applicant.user_id == actor.pk else "",
        data={
            "reference": reference,
            "amount_vnd": amount_vnd,
            "method": method,
            "paid_at": paid_at.isoformat(),
            "fees_paid": locked.fees_paid,
        },
        files=files,
    )
    return locked
