"""Which service performs each workflow action, and the one entry point the delivery apps call.

A service registers itself for its action with ``@performs("name")``; :func:`perform` reads the
action's input (``workflow.get(name).input``, validated once) and calls that service with it. The
services stay plain functions: the demo, the portal and the tests call them with keywords.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from motcua.accounts.models import User
from motcua.core.exceptions import NotFound
from motcua.dossiers import workflow
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.models import Dossier

Service = TypeVar("Service", bound=Callable[..., Any])

SERVICES: dict[str, Callable[..., Any]] = {}


def performs(action: str) -> Callable[[Service], Service]:
    """Register the decorated service as the one performing ``action`` (an action of the table)."""
    workflow.get(action)

    def register(service: Service) -> Service:
        if action in SERVICES:
            raise ValueError(f"two services perform {action!r}")
        SERVICES[action] = service
        return service

    return register


def service_for(action: str) -> Callable[..., Any]:
    workflow.get(action)  # unknown action → UnknownAction (404)
    return SERVICES[action]


def perform(
    dossier: Dossier | int,
    action: str,
    data: Mapping[str, Any],
    *,
    actor: User,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Any:
    """Fire ``action`` with ``data`` (JSON values, form values or instances): validate, then call its service.

    ``acting``: the membership an official chose to act in (only actions an official may fire take
    it). Returns what the service returns: the dossier (the rating for ``rate``).
    """
    transition = workflow.get(action)
    service = service_for(action)
    if not isinstance(dossier, Dossier):
        found = Dossier.objects.filter(pk=dossier).first()
        if found is None:
            raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found")
        dossier = found
    parsed = transition.input.parse(data, dossier)
    context: dict[str, Any] = {"expected_version": expected_version, "now": now}
    if acting is not None:
        context["acting"] = acting
    return service(dossier, actor=actor, **context, **parsed.kwargs())
