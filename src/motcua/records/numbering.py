"""Decree 30/2020 numbers of official documents: pure functions.

Appendix I §3: "Số" in Arabic digits, zero-padded below 10, then "/" and the notation (ký hiệu): groups of
capital abbreviations joined by "-" without spaces, e.g. ``05/QĐ-UBND``, ``123/UBND-VP``. Art. 15: numbers
run per register from 01 on 1 January to 31 December.
"""

from __future__ import annotations

import re

# Groups of letters (Vietnamese included: Đ ≠ D) and digits, joined by single hyphens, nothing else.
NOTATION = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")
MAX_NOTATION = 50


def clean_notation(raw: str) -> str | None:
    """The notation without spaces around its hyphens, or None when it is not one (``QĐ - UBND`` → ``QĐ-UBND``).

    Lower-case letters are kept only inside a group (QyĐ, CTr: abbreviations Appendix III writes so).
    """
    text = "-".join(part.strip() for part in raw.strip().split("-"))
    return text if text and len(text) <= MAX_NOTATION and NOTATION.match(text) else None


def number_text(number: int) -> str:
    """``5`` → ``05``; ``123`` → ``123``."""
    if number < 1:
        raise ValueError("a document number starts at 1")
    return f"{number:02d}"


def number_and_notation(number: int, notation: str) -> str:
    """``number_and_notation(5, "QĐ-UBND") == "05/QĐ-UBND"``."""
    return f"{number_text(number)}/{notation}"
