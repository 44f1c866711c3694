"""Domain errors. Delivery apps translate them to HTTP responses or form errors."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused an operation. ``message`` is Vietnamese, shown to users."""

    code = "domain_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}


class NotFound(DomainError):
    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403


class Conflict(DomainError):
    """Someone else changed the record first (optimistic concurrency)."""

    code = "conflict"
    status = 409
