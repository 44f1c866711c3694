"""The dossier side of online payments: which subject a dossier's payment carries, and what a
confirmed payment does to the dossier (registered with ``payments.hooks`` in ``DossiersConfig.ready``).

A payment may be confirmed by a gateway's server-to-server notice with nobody signed in, so the
dossier is updated here, not by the page the payer comes back to.
"""

from __future__ import annotations

from motcua.dossiers.constants import PaymentMethod
from motcua.dossiers.models import Dossier
from motcua.payments.models import Payment
from motcua.payments.receipts import render_receipt_pdf

SUBJECT_KIND = "dossier"


def payment_subject(dossier: Dossier) -> str:
    return f"{SUBJECT_KIND}:{dossier.reference}"


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
