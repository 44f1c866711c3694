"""Money as Vietnamese readers expect it: ``1.250.000 đ``, "Miễn phí" for zero."""

from __future__ import annotations

from django import template

from motcua.payments.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    return format_vnd(amount)
