"""Dossier events for partners' webhook subscriptions, queued in the outbox with the action.

Called next to the national portal's sync (``services.base.finish``, ``registration.number``) when
``WEBHOOKS_ENABLED``. A partner receives the events it subscribed to of the dossiers its API client's
account may see, if its key may read dossiers (``dossiers:read``); the body names the dossier, not its
applicant: the partner reads the rest through the API with its key, under the same rules. Messages of
one dossier keep their order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings

from motcua.dossiers.constants import Status, status_label
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.integrations import webhooks
from motcua.integrations.constants import Scope, WebhookEvent
from motcua.outbox import services


def event_types(entry: DossierEvent) -> list[str]:
    """What a history event means for partners (several at once: a dossier received and accepted)."""
    before, after = entry.status_before, entry.status_after
    found = []
    if after == Status.SUBMITTED and before in (None, Status.DRAFT):
        found.append(WebhookEvent.DOSSIER_RECEIVED.value)
    if before not in (None, Status.DRAFT) and after is not None and before != after:
        found.append(WebhookEvent.STATUS_CHANGED.value)
    if after == Status.RESOLVED and before != Status.RESOLVED:
        found.append(WebhookEvent.RESULT_READY.value)
    return found


def body(event_type: str, dossier: Dossier, entry: DossierEvent, key: str) -> dict[str, Any]:
    return {
        "id": key,
        "type": event_type,
        "occurred_at": entry.occurred_at.isoformat(),
        "data": {
            "code": dossier.code,
            "procedure_code": dossier.procedure.code,
            "status": entry.status_after,
            "status_label": status_label(entry.status_after or dossier.status, dossier.outcome),
            "status_before": entry.status_before,
            "action": entry.action,
        },
    }


def dossier_changed(dossier: Dossier, written: Iterable[DossierEvent], *, now: datetime) -> int:
    """Queue the events ``written`` for the partners subscribed to them; the number queued."""
    if not settings.WEBHOOKS_ENABLED or dossier.is_draft:
        return 0
    typed = [(entry, event_types(entry)) for entry in written]
    wanted = {t for _, types in typed for t in types}
    if not wanted:
        return 0
    queued = 0
    for subscription in webhooks.subscriptions_for(wanted, now):
        client = subscription.client
        if (
            not client.allows(Scope.DOSSIERS_READ)
            or not dossiers_visible_to(client.user).filter(pk=dossier.pk).exists()
        ):
            continue
        for index, (entry, types) in enumerate(typed):
            for event_type in types:
                if event_type not in subscription.events:
                    continue
                key = f"{dossier.reference}:v{dossier.version}:{index}:{event_type}"
                services.enqueue(
                    subscription.destination,
                    key,
                    body(event_type, dossier, entry, key),
                    stream=f"dossier:{dossier.pk}",
                    kind=event_type,
                    subject=dossier.code or "",
                    now=now,
                )
                queued += 1
    return queued


def dossier_registered(dossier: Dossier, *, now: datetime) -> int:
    """A dossier just numbered: the events of its history since it was registered."""
    if not settings.WEBHOOKS_ENABLED:  # before reading the history
        return 0
    history = DossierEvent.objects.filter(dossier_id=dossier.pk).exclude(status_after=Status.DRAFT).order_by("pk")
    return dossier_changed(dossier, list(history), now=now)
