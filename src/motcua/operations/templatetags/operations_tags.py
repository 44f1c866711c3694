"""Vietnamese number formats for the figures: 1.234 and 98,8 %; "—" when there is no value."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from motcua.operations.rates import percent

register = template.Library()


def _vietnamese() -> bool:
    return (get_language() or "vi").startswith("vi")


@register.filter
def vn_number(value: Any) -> str:
    """An integer with thousands grouped: ``1.234.567`` in Vietnamese, ``1,234,567`` in English."""
    if value is None or value == "":
        return "—"
    text = f"{int(value):,}"
    return text.replace(",", ".") if _vietnamese() else text


@register.filter
def vn_decimal(value: Any) -> str:
    """One decimal: ``12,5`` in Vietnamese."""
    if value is None:
        return "—"
    text = f"{float(value):,.1f}"
    if _vietnamese():
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text


@register.filter
def vn_percent(value: float | Decimal | None) -> str:
    """A ratio (0–1) as a percentage with one decimal: ``98,8 %``."""
    if value is None:
        return "—"
    shown = percent(float(value))
    return f"{vn_decimal(shown)} %"


@register.filter
def percent_number(value: float | None) -> str:
    """A ratio as a plain percentage number for charts and data attributes (``98.8``); empty if none."""
    shown = percent(value)
    return "" if shown is None else str(shown)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def magnitude(value: int | None) -> int | None:
    """The size of a movement, whichever way (▲ 2, ▼ 2)."""
    return None if value is None else abs(int(value))
