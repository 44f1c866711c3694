"""Vietnamese text helpers shared by every search: folding and normalisation."""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC-normalise and collapse whitespace: the form in which names are stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Fold Vietnamese text for searching: strip diacritics, map đ→d, lower-case, collapse spaces.

    ``unicodedata`` does not decompose đ (it is a base letter, not d + a mark), hence the
    explicit translation; SQLite's FTS5 and many libraries miss it for the same reason.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


_CODE_SHAPE = re.compile(r"[0-9A-Za-z._-]+")


def is_code_shaped(value: str | None, *, max_length: int = 64) -> bool:
    """Whether ``value`` could be a code (dossier, procedure, sector, agency): ASCII letters, digits,
    dot, dash or underscore, at most ``max_length`` characters.

    Lookups by code check this first and answer "not found" otherwise: a NUL byte, a space or a
    letter with a diacritic can never match, and PostgreSQL refuses a NUL byte in a query (an error
    500 instead of a 404).
    """
    return bool(value) and len(value or "") <= max_length and _CODE_SHAPE.fullmatch(value or "") is not None


def without_controls(text: str) -> str:
    """``text`` without control characters (NUL and the like): nothing typed into a search needs
    them, and PostgreSQL refuses a NUL byte in a query."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n\r")
