"""Errors of the payments context (Vietnamese messages shown to applicants)."""

from __future__ import annotations

from motcua.core.exceptions import Conflict, DomainError
from motcua.payments.interface import InvalidCallback

__all__ = ["AlreadyPaid", "InvalidAmount", "InvalidCallback"]


class InvalidAmount(DomainError):
    code = "invalid_amount"


class AlreadyPaid(Conflict):
    code = "already_paid"
