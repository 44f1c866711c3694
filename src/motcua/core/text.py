"""Vietnamese text helpers shared by every search: folding and normalisation."""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC-normalise and collapse whitespace: the form in which names are stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


# Format (zero-width, text-direction), control, private-use, surrogate and unassigned characters:
# invisible on screen, they make two equal-looking names differ or reorder what an official reads.
_HIDDEN_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs", "Cn"})


def hidden_characters(text: str) -> list[str]:
    """The invisible or control characters in ``text`` (ordinary whitespace excluded), as U+XXXX codes."""
    return [f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch) in _HIDDEN_CATEGORIES and not ch.isspace()]


def ascii_digits(text: str) -> str:
    """NFKC (full-width ０-９ become 0-9), then every other decimal digit (Arabic-Indic, Devanagari …)
    as its ASCII digit, so an identity number is stored in one spelling whatever keyboard typed it."""
    compatible = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in compatible)


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
