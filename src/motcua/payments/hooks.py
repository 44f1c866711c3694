"""What other contexts do when a payment is confirmed, without payments knowing about them.

A context registers a handler for the subjects it owns (``"dossier"`` for ``"dossier:<reference>"``)
in its ``AppConfig.ready``. ``services.apply_gateway_result`` calls the handler inside the confirming
transaction, whether the confirmation came from the payer's browser, a server-to-server notice or the
reconciliation, and again on a repeated notice: handlers must therefore be idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

from motcua.payments.models import Payment

logger = logging.getLogger(__name__)

PaidHandler = Callable[[Payment], None]

_handlers: dict[str, PaidHandler] = {}


def on_paid(subject_kind: str, handler: PaidHandler) -> None:
    """Call ``handler(payment)`` when a payment whose subject is ``"<subject_kind>:..."`` is paid."""
    _handlers[subject_kind] = handler


def handler_for(subject: str) -> PaidHandler | None:
    kind, separator, _rest = subject.partition(":")
    return _handlers.get(kind) if separator else None


def dispatch_paid(payment: Payment) -> bool:
    """Run the handler of the payment's subject in a savepoint; returns whether it succeeded.

    The money has been taken whatever the handler does: a failing handler must not undo the
    payment's confirmation. It is logged, and the next notice of the same payment retries it.
    """
    handler = handler_for(payment.subject)
    if handler is None:
        return True
    try:
        with transaction.atomic():
            handler(payment)
    except Exception:
        logger.exception("Payment %s: the handler of subject %s failed", payment.reference, payment.subject)
        return False
    return True
