"""Upper bounds of the numbers people type, checked before any reaches the database.

A number beyond what a column holds is not a typing slip the database should discover: SQLite
cannot bind it and PostgreSQL overflows, and either answers 500. Forms and serializers declare
these bounds as ``max_value`` so people see the reason next to the field; the domain checks them
again, for every channel.
"""

from __future__ import annotations

from motcua.core.exceptions import DomainError

# One thousand billion đồng: far above any fee, levy or land use charge, and with a margin to the
# 64-bit columns for totals of many lines.
MAX_AMOUNT_VND = 10**12
# Any other whole number entered (counts, copies, versions, ids): fits a 32-bit column.
MAX_INTEGER = 2**31 - 1


class AmountOutOfRange(DomainError):
    code = "invalid"


def check_amount_vnd(value: object, *, field: str = "amount_vnd", minimum: int = 0) -> int:
    """``value`` as a whole number of đồng between ``minimum`` and ``MAX_AMOUNT_VND``, or ``AmountOutOfRange``."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_AMOUNT_VND:
        message = f"Số tiền phải là số nguyên từ {minimum:,} đến {MAX_AMOUNT_VND:,} đồng.".replace(",", ".")
        raise AmountOutOfRange(message, fields={field: [message]})
    return value


# Of one document received: copies and pages (the API and the counter form say the same).
MAX_COPIES = 100
MAX_PAGES = 10_000


def check_count(value: object, *, field: str, minimum: int, maximum: int) -> int:
    """``value`` as a whole number between ``minimum`` and ``maximum``, or ``AmountOutOfRange`` naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        message = f"Phải là số nguyên từ {minimum:,} đến {maximum:,}.".replace(",", ".")
        raise AmountOutOfRange(message, fields={field: [message]})
    return value
