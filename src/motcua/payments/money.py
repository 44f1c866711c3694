"""Formatting of amounts in đồng (no decimals, dot as thousands separator)."""

from __future__ import annotations


def format_vnd(amount: int | None, *, zero: str = "Miễn phí") -> str:
    if amount is None:
        return ""
    if amount == 0:
        return zero
    return f"{amount:,}".replace(",", ".") + " đ"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", " nghìn", " triệu", " tỷ", " nghìn tỷ")


def _hundreds(number: int, *, leading: bool) -> str:
    """Words of 0–999; ``leading``: the first group, read without "không trăm", "lẻ"."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words = []
    if not leading or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("lẻ")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def vnd_in_words(amount: int) -> str:
    """The amount in Vietnamese words as receipts write it: "Mười nghìn đồng", "Một triệu không trăm lẻ năm đồng"."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    if amount == 0:
        return "Không đồng"
    if amount >= 1000 ** len(_GROUPS):
        raise ValueError("amount too large")
    groups = [amount // 1000**index % 1000 for index in range(len(_GROUPS))]
    top = max(index for index, group in enumerate(groups) if group)
    parts = [
        _hundreds(groups[index], leading=index == top) + _GROUPS[index] for index in range(top, -1, -1) if groups[index]
    ]
    text = " ".join(parts) + " đồng"
    return text[:1].upper() + text[1:]
