"""Formatting of amounts in đồng (no decimals, dot as thousands separator)."""

from __future__ import annotations


def format_vnd(amount: int | None, *, zero: str = "Miễn phí") -> str:
    if amount is None:
        return ""
    if amount == 0:
        return zero
    return f"{amount:,}".replace(",", ".") + " đ"
