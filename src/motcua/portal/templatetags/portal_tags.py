"""Template helpers of the portal: accessible form widgets and Vietnamese date/time display."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def a11y_widget(field: BoundField) -> SafeString:
    """Render the widget tied to its hint and error messages (aria-describedby, aria-invalid)."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    attrs: dict[str, Any] = {}
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def due_moment(value: datetime | None) -> str:
    """``16:00 ngày 28/04/2026``: how a due moment is written for citizens."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


@register.filter
def vn_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H:%M} {local:%d/%m/%Y}"
