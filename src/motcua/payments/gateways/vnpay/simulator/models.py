"""The simulator's own ledger (declared in ``payments.models``)."""

from motcua.payments.models import SimulatedTransaction

__all__ = ["SimulatedTransaction"]
