"""Fees paid for a dossier: recorded once per payment reference, with the receipt as a dossier file."""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.dossiers import events
from motcua.dossiers.constants import PaymentMethod, Status
from motcua.dossiers.models import Dossier, DossierEvent, DossierFile, FilePurpose
from motcua.dossiers.services.base import lock, now_or, record
from motcua.dossiers.services.intake import set_fees

ACTION = events.RECORD_FEE_PAYMENT


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
    if amount_vnd <= 0:
        raise DomainError("Số tiền đã nộp phải lớn hơn 0.", code="invalid", fields={"amount_vnd": []})
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
        DossierFile.objects.create(
            dossier=locked,
            purpose=FilePurpose.RECEIPT,
            file=ContentFile(receipt_pdf, name=name),
            name=name,
            size=len(receipt_pdf),
            uploaded_at=moment,
            uploaded_by=None,
        )
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
