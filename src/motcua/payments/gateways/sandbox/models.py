"""The sandbox gateway's own ledger (declared in ``payments.models``)."""

from motcua.payments.models import SandboxTransaction

__all__ = ["SandboxTransaction"]
