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
