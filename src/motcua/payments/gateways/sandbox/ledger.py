"""Writes of the sandbox gateway's ledger (the simulated bank side)."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.payments.gateways.sandbox.models import SandboxTransaction


@transaction.atomic
def decide(*, reference: str, amount_vnd: int, outcome: str) -> SandboxTransaction:
    """Record the payer's decision once; a second decision on the same reference returns the first."""
    existing = SandboxTransaction.objects.filter(reference=reference).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return SandboxTransaction.objects.create(
                reference=reference,
                transaction_id=f"SBX{secrets.token_hex(8).upper()}",
                amount_vnd=amount_vnd,
                outcome=outcome,
                decided_at=timezone.now(),
            )
    except IntegrityError:  # a double click raced us: the first decision stands
        return SandboxTransaction.objects.get(reference=reference)
