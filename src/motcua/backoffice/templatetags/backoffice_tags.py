"""Vietnamese display conventions for the back office: dates, due moments, money, shortcuts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext

from motcua.core.templatetags.motcua_forms import a11y_widget

register = template.Library()


@register.filter
def vn_date(value: date | datetime | None) -> str:
    """``28/04/2026``."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d/%m/%Y")


@register.filter
def vn_datetime(value: datetime | None) -> str:
    """``16:00 ngày 28/04/2026``: how the guide writes a due moment."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    # Dates stay dd/mm/yyyy and times HH:mm in English too (the province's documents use them).
    return gettext("%(time)s ngày %(date)s") % {"time": f"{local:%H:%M}", "date": f"{local:%d/%m/%Y}"}


@register.filter
def vn_short_datetime(value: datetime | None) -> str:
    """``28/04/2026 16:00`` for dense tables."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%d/%m/%Y %H:%M}"


@register.filter
def vn_money(value: int | Decimal | None) -> str:
    """``1.250.000 đ``; zero or nothing is ``Miễn phí``."""
    if not value:
        return gettext("Miễn phí")
    return f"{int(value):,} đ".replace(",", ".")


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (``None`` or ``""`` removes one)."""
    request = context["request"]
    params: QueryDict = request.GET.copy()
    for name, value in changes.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


# Shared with the other surface; registered here so templates keep loading one library.
register.simple_tag(a11y_widget)


@register.filter
def component_kind(value: str) -> str:
    from motcua.catalogue.constants import ComponentKind

    try:
        return str(ComponentKind(value).label)
    except ValueError:
        return value


@register.filter
def preview_kind(name: str) -> str:
    lowered = (name or "").lower()
    if lowered.endswith(".pdf"):
        return "pdf"
    if lowered.endswith((".png", ".jpg", ".jpeg")):
        return "image"
    return "other"
