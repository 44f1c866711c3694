"""Refusals of the postal context."""

from __future__ import annotations

from motcua.core.exceptions import DomainError


class CallbackRefused(DomainError):
    """An inbound callback that is not authentic, not fresh, already used or unreadable."""

    code = "callback_refused"
    status = 401


class PostalUnavailable(DomainError):
    code = "postal_unavailable"
    status = 400
