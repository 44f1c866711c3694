"""Personal data out of published texts: phone numbers, e-mail addresses, ID numbers and the citizen's name.

Pure functions. ``redact`` prepares the coordinator's draft of the public texts; ``personal_data_in`` is the
check the publication service runs on whatever the coordinator finally wrote, so nothing slips through.
"""

from __future__ import annotations

import re

from motcua.core.text import fold

HIDDEN = "[đã ẩn]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese phone numbers (0xx or +84 / 84, with spaces, dots or dashes) and 9 or 12-digit ID numbers.
_PHONE = re.compile(r"(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\d])")
_ID_NUMBER = re.compile(r"(?<![\d])(?:\d{12}|\d{9})(?![\d])")


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = [re.escape(word) for word in name.split() if len(word) > 1]
    if len(words) < 2:
        return None
    # The full name, or its last two words (how people are named in a letter: "anh Văn Nam").
    return re.compile(r"\b(?:" + r"\s+".join(words) + "|" + r"\s+".join(words[-2:]) + r")\b", re.IGNORECASE)


def redact(text: str, *, names: tuple[str, ...] = ()) -> str:
    """``text`` with e-mails, phones, ID numbers and the given names replaced by ``HIDDEN``."""
    result = _EMAIL.sub(HIDDEN, text)
    result = _PHONE.sub(HIDDEN, result)
    result = _ID_NUMBER.sub(HIDDEN, result)
    for name in names:
        pattern = _name_pattern(name)
        if pattern is not None:
            result = pattern.sub(HIDDEN, result)
    return result


def personal_data_in(text: str, *, names: tuple[str, ...] = ()) -> list[str]:
    """What kinds of personal data remain in ``text`` (empty when none)."""
    found = []
    if _EMAIL.search(text):
        found.append("thư điện tử")
    if _PHONE.search(text):
        found.append("số điện thoại")
    if _ID_NUMBER.search(text):
        found.append("số định danh")
    folded = fold(text)
    if any(len(name.split()) >= 2 and fold(name) in folded for name in names):
        found.append("họ tên người phản ánh")
    return found


def digits(value: str) -> str:
    """A phone number reduced to its national digits (``+84 912…`` and ``0912…`` compare equal)."""
    only = "".join(ch for ch in value if ch.isdigit())
    return "0" + only[2:] if only.startswith("84") and len(only) > 9 else only


def same_phone(stored: str, given: str) -> bool:
    a, b = digits(stored), digits(given)
    return bool(a) and a == b
