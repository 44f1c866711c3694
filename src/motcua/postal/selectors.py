"""Reads of postal orders for the dossier pages, the API and the poller."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from motcua.postal.constants import FINAL_STATES, OrderKind
from motcua.postal.models import PostalOrder, TrackingEvent


def orders_of(dossier_id: int) -> list[PostalOrder]:
    """A dossier's orders, newest first, each with its tracking events (oldest first)."""
    events = Prefetch("tracking", queryset=TrackingEvent.objects.order_by("occurred_at", "pk"))
    return list(PostalOrder.objects.filter(dossier_id=dossier_id).prefetch_related(events))


def live_order(dossier_id: int, kind: str) -> PostalOrder | None:
    return PostalOrder.objects.filter(dossier_id=dossier_id, kind=kind).exclude(state="cancelled").first()


def return_item_code(dossier_id: int) -> str:
    """The tracking number of the dossier's result shipment, once the operator has given one."""
    order = live_order(dossier_id, OrderKind.RETURN)
    return order.item_code if order else ""


def open_orders(operator: str) -> QuerySet[PostalOrder]:
    """Orders of ``operator`` whose shipment is not finished: what the poller asks about."""
    return PostalOrder.objects.filter(operator=operator).exclude(state__in=FINAL_STATES).order_by("pk")


def order_for_update(order_number: str, item_code: str) -> PostalOrder | None:
    """The order a tracking event is about: by tracking number when known, else the live order with
    that order number (a dossier's collection is finished before its result is sent)."""
    if item_code:
        found = PostalOrder.objects.filter(item_code=item_code).first()
        if found is not None:
            return found
    rows = PostalOrder.objects.filter(order_number=order_number).exclude(state="cancelled")
    return rows.exclude(state__in=FINAL_STATES).order_by("-pk").first() or rows.order_by("-pk").first()
