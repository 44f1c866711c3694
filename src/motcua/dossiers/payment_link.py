"""The dossier side of online payments: which subject a dossier's payment carries, and what a
confirmed payment does to the dossier (registered with ``payments.hooks`` in ``DossiersConfig.ready``).

A payment may be confirmed by a gateway's server-to-server notice with nobody signed in, so the
dossier is updated here, not by the page the payer comes back to.
"""

from __future__ import annotations

from motcua.catalogue.selectors import fees_due_for
from motcua.dossiers.constants import PaymentMethod
from motcua.dossiers.models import Dossier
from motcua.payments.models import Payment
from motcua.payments.receipts import ReceiptDetails, render_receipt_pdf

SUBJECT_KIND = "dossier"


def payment_subject(dossier: Dossier) -> str:
    return f"{SUBJECT_KIND}:{dossier.reference}"


def _dossier_of(payment: Payment) -> Dossier | None:
    _kind, _sep, reference = payment.subject.partition(":")
    return Dossier.objects.select_related("procedure", "receiving_agency").filter(reference=reference).first()


def receipt_details(payment: Payment) -> ReceiptDetails | None:
    """What a fee receipt says of the dossier: its code, the unit collecting, the payer, the items.

    Fees are paid online before the draft is sent, when it has no code yet: the receipt then
    gives its reference; rendered again once the dossier is sent, it gives the code.
    """
    dossier = _dossier_of(payment)
    if dossier is None:
        return None
    rows = [(fee.name, fee.amount_vnd) for fee in dossier.fees.all()]
    if not rows:  # a draft's fees are captured at submission: the table for its channel says them
        rows = [(line.name, line.amount_vnd) for line in fees_due_for(dossier.procedure_version_id, dossier.channel)]
    return ReceiptDetails(
        subject_code=dossier.code or f"chưa cấp (hồ sơ nháp, mã tham chiếu {dossier.reference})",
        subject_title=dossier.procedure.name,
        collecting_agency=dossier.receiving_agency.name,
        payer_name=dossier.applicant_name,
        payer_id_number=dossier.applicant_id_number,
        payer_address=dossier.applicant_address,
        items=tuple(rows),
        channel=dossier.get_channel_display(),
    )


def on_dossier_paid(payment: Payment) -> None:
    from motcua.dossiers.services.fees import fee_payment_recorded, record_fee_payment

    _kind, _sep, reference = payment.subject.partition(":")
    dossier = Dossier.objects.filter(reference=reference).first()
    if dossier is None or payment.paid_at is None:
        raise LookupError(f"No dossier for payment subject {payment.subject!r}")
    if fee_payment_recorded(dossier, payment.reference):
        return  # a repeated notice: the receipt is not rendered again
    record_fee_payment(
        dossier,
        amount_vnd=payment.amount_vnd,
        method=PaymentMethod.ONLINE,
        reference=payment.reference,
        paid_at=payment.paid_at,
        actor=payment.payer,
        receipt_name=f"bien-lai-{payment.receipt_number}.pdf",
        receipt_pdf=render_receipt_pdf(payment),
    )
