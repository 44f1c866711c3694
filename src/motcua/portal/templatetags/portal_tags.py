"""Template helpers of the portal: accessible form widgets and Vietnamese date/time display."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

from motcua.core.templatetags.motcua_forms import a11y_widget

register = template.Library()


# Shared with the other surface; registered here so templates keep loading one library.
register.simple_tag(a11y_widget)


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
