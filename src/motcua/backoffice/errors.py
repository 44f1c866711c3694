"""Showing the engine's DomainError messages in forms, in plain Vietnamese, next to the right field."""

from __future__ import annotations

from collections.abc import Callable

from django import forms

from motcua.core.exceptions import DomainError


def apply_domain_error(error: DomainError, *targets: forms.Form, rename: Callable[[str], str] | None = None) -> None:
    """Attach the error's field messages to the first form having that field; the message on top.

    Field names the forms do not know (``components``, ``version``…) join the summary, so no
    message the engine wrote is ever dropped. ``rename`` maps the engine's field names to the form's.
    """
    summary = [error.message]
    for engine_name, field_messages in (error.fields or {}).items():
        name = rename(engine_name) if rename else engine_name  # the form field showing that input
        owner = next((form for form in targets if name in form.fields), None)
        if owner is not None and field_messages:
            for message in field_messages:
                owner.add_error(name, message)
        else:
            summary.extend(m for m in field_messages if m and m not in summary)
    if targets:
        for message in summary:
            targets[0].add_error(None, message)
