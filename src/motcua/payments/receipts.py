"""Receipts of confirmed payments, rendered on demand from the payment row (number, amount, time,
gateway transaction): the row is the record, the PDF only its printable form.

What was paid for (the dossier's code, the collecting agency, the payer, the fee items, the
channel) belongs to the context that owns the payment's subject: it registers a provider of
:class:`ReceiptDetails` for its subject kind (the dossiers app for ``"dossier:<reference>"``), so
payments never reads another context's models. The legal e-receipt format (Decree 123/2020 and
its implementing circulars) comes later; the data it needs is already here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import timezone

from motcua.payments.constants import PaymentState
from motcua.payments.gateway import get_gateway
from motcua.payments.models import Payment
from motcua.payments.money import format_vnd, vnd_in_words


@dataclass(frozen=True)
class ReceiptDetails:
    """What the subject's owner says about a payment: printed on the receipt."""

    subject_code: str
    subject_title: str
    collecting_agency: str
    payer_name: str
    payer_id_number: str = ""
    payer_address: str = ""
    items: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    channel: str = ""


DetailsProvider = Callable[[Payment], ReceiptDetails | None]
_providers: dict[str, DetailsProvider] = {}


def provide_details(subject_kind: str, provider: DetailsProvider) -> None:
    """Register who describes payments whose subject is ``"<subject_kind>:..."`` (in ``AppConfig.ready``)."""
    _providers[subject_kind] = provider


def details_for(payment: Payment) -> ReceiptDetails | None:
    kind, separator, _rest = payment.subject.partition(":")
    provider = _providers.get(kind) if separator else None
    return provider(payment) if provider is not None else None


def _method(payment: Payment) -> str:
    try:
        label = get_gateway(payment.gateway).label
    except ImproperlyConfigured:  # a gateway no longer offered still has its receipts
        label = payment.gateway
    return f"Thanh toán trực tuyến qua {label}"


def receipt_context(payment: Payment) -> dict[str, object]:
    """Everything the receipt prints (tested without rendering the PDF)."""
    if payment.state != PaymentState.PAID or payment.paid_at is None:
        raise ValueError("Only a confirmed payment has a receipt.")
    details = details_for(payment)
    payer = payment.payer
    return {
        "payment": payment,
        "details": details,
        "payer_name": details.payer_name if details else (payer.full_name or payer.get_username()) if payer else "",
        "items": [(name, format_vnd(amount, zero="0 đ")) for name, amount in (details.items if details else ())],
        "amount": format_vnd(payment.amount_vnd, zero="0 đ"),
        "amount_in_words": vnd_in_words(payment.amount_vnd),
        "method": _method(payment),
        "paid_at": timezone.localtime(payment.paid_at),
        "province": settings.PROVINCE_NAME,
    }


def render_receipt_pdf(payment: Payment) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango takes a moment and few requests need it

    html = render_to_string("payments/receipt.html", receipt_context(payment))
    return bytes(HTML(string=html).write_pdf())
