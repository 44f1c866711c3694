"""What happens once a payment is confirmed: the receipt goes to the dossier it paid for."""

from __future__ import annotations

from motcua.payments.models import Payment


def on_paid(payment: Payment) -> None:
    """Called inside the confirming transaction, so the payment and the dossier's record agree."""
