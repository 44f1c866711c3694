"""The amount due for a procedure's fees: a pure function of the published fee table, the channel
the dossier is submitted through and whether the applicant is in an exempt case.

A fee table publishes one row per rate; a rate may hold for some channels only (Circular 75/2022:
20.000 đ for a residence registration at the counter, 10.000 đ online). Summing every row charged
both rates, so each row names the channels it applies to (none: every channel).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motcua.catalogue.constants import Channel
from motcua.core.text import fold

ALL_CHANNELS: tuple[str, ...] = tuple(Channel.values)


@dataclass(frozen=True)
class FeeItem:
    """One published row: ``amount_vnd`` None when the amount is set elsewhere (provincial resolution)."""

    name: str
    amount_vnd: int | None
    channels: tuple[str, ...] = ()
    online_reduction_percent: int = 0
    exemptions: str = ""

    def applies_to(self, channel: str) -> bool:
        return not self.channels or channel in self.channels


@dataclass(frozen=True)
class FeeLine:
    """A row due on a dossier: the published amount and what is charged after reductions."""

    name: str
    published_vnd: int
    amount_vnd: int
    reduction: str = ""


def fees_due(items: Iterable[FeeItem], channel: str, *, exempt: bool = False) -> list[FeeLine]:
    """The rows charged for ``channel``, in order.

    Rows of other channels and rows without a fixed amount (an official enters those) are left
    out; rows waived by their own amount 0 stay out too. An online reduction applies only online
    (rounded down to the đồng). ``exempt``: the applicant is in a case the table exempts, so every
    row that states exempt cases (``exemptions``) is charged 0.
    """
    lines = []
    for item in items:
        if not item.applies_to(channel) or not item.amount_vnd:
            continue
        amount, reduction = item.amount_vnd, ""
        if exempt and item.exemptions.strip():
            amount, reduction = 0, f"Miễn: {item.exemptions.strip()}"
        elif channel == Channel.ONLINE and item.online_reduction_percent:
            amount = item.amount_vnd * (100 - item.online_reduction_percent) // 100
            reduction = f"Giảm {item.online_reduction_percent}% khi nộp trực tuyến"
        lines.append(FeeLine(item.name, item.amount_vnd, amount, reduction))
    return lines


def unpriced(items: Iterable[FeeItem], channel: str) -> list[str]:
    """Names of the channel's rows whose amount is set elsewhere: the one-stop unit states it."""
    return [item.name for item in items if item.applies_to(channel) and item.amount_vnd is None]


def total(lines: Sequence[FeeLine]) -> int:
    return sum(line.amount_vnd for line in lines)


# How published tables name the channel of a rate: "(Trực tuyến, Dịch vụ bưu chính)" on the national
# portal, "- nộp trực tuyến" / "khi nộp trực tiếp" in provincial decisions (folded text).
_LISTED = re.compile(r"\(([^()]*)\)\s*$")
_LISTED_NAMES = {"truc tiep": Channel.COUNTER, "truc tuyen": Channel.ONLINE, "dich vu buu chinh": Channel.POSTAL}
_ONLINE_WORDS = ("nop truc tuyen", "qua mang", "dich vu cong truc tuyen", "qua cong dich vu cong")
_PAPER_WORDS = ("nop truc tiep", "nop ho so giay")


def channels_from_name(name: str) -> tuple[str, ...]:
    """The channels a published fee row names, () when it names none (it holds for every channel).

    A paper rate ("nộp trực tiếp") holds at the counter and by post: the fee laws distinguish only
    online submission from the rest.
    """
    folded = fold(name)
    listed = _LISTED.search(folded)
    if listed:
        parts = {_LISTED_NAMES.get(part.strip()) for part in listed.group(1).split(",")}
        if None not in parts:
            return tuple(c for c in ALL_CHANNELS if c in parts)
    if any(word in folded for word in _ONLINE_WORDS):
        return (Channel.ONLINE,)
    if any(word in folded for word in _PAPER_WORDS):
        return (Channel.COUNTER, Channel.POSTAL)
    return ()


_ONLINE_RATE_IN_NOTE = re.compile(r"nop truc tuyen:\s*([\d.]+)\s*dong")


def published_rows(name: str, amount_vnd: int | None, note: str = "") -> list[dict[str, object]]:
    """A published fee row as catalogue rows with their channels.

    A row whose note states a separate online rate ("nộp trực tuyến: 200.000 đồng") becomes two
    rows: the paper rate (counter, post) and the online rate.
    """
    row: dict[str, object] = {"name": name, "amount_vnd": amount_vnd, "note": note}
    online_rate = _ONLINE_RATE_IN_NOTE.search(fold(note))
    if online_rate is None or channels_from_name(name):
        return [{**row, "channels": list(channels_from_name(name))}]
    online_amount = int(online_rate.group(1).replace(".", ""))
    return [
        {**row, "name": f"{name} - nộp trực tiếp, bưu chính", "channels": [Channel.COUNTER, Channel.POSTAL]},
        {**row, "name": f"{name} - nộp trực tuyến", "amount_vnd": online_amount, "channels": [Channel.ONLINE]},
    ]
