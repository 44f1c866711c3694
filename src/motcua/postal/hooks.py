"""What a tracking event means for the dossier an order belongs to, without postal knowing dossiers.

``dossiers`` registers its handler in its ``AppConfig.ready``; :func:`dispatch` calls it inside the
transaction that records the event, once per new event (a repeated event is never dispatched again).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from motcua.postal.models import PostalOrder, TrackingEvent

TrackingHandler = Callable[[PostalOrder, TrackingEvent, datetime], None]

_handlers: list[TrackingHandler] = []


def on_tracking(handler: TrackingHandler) -> None:
    if handler not in _handlers:
        _handlers.append(handler)


def dispatch(order: PostalOrder, event: TrackingEvent, now: datetime) -> None:
    for handler in _handlers:
        handler(order, event, now)
