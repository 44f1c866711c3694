"""Receipts of confirmed payments, rendered on demand from the payment row (number, amount, time,
gateway transaction): the row is the record, the PDF only its printable form."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from motcua.payments.constants import PaymentState
from motcua.payments.models import Payment
from motcua.payments.money import format_vnd


def render_receipt_pdf(payment: Payment) -> bytes:
    if payment.state != PaymentState.PAID or payment.paid_at is None:
        raise ValueError("Only a confirmed payment has a receipt.")
    from weasyprint import HTML  # imported late: loading Pango takes a moment and few requests need it

    html = render_to_string(
        "payments/receipt.html",
        {
            "payment": payment,
            "amount": format_vnd(payment.amount_vnd),
            "paid_at": timezone.localtime(payment.paid_at),
            "province": settings.PROVINCE_NAME,
        },
    )
    return bytes(HTML(string=html).write_pdf())
