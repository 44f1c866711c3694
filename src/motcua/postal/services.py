"""The write path of postal orders: create an order (sent through the outbox), apply a tracking
event (from a signed callback or from polling), poll the open orders."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core.exceptions import DomainError
from motcua.outbox import services as outbox
from motcua.postal import hooks, inbound, operators, selectors
from motcua.postal.constants import STATE_RANK, TRACKING_CODES, OrderKind, OrderState
from motcua.postal.exceptions import PostalUnavailable
from motcua.postal.models import PostalOrder, TrackingEvent

logger = logging.getLogger(__name__)

CALLBACK_SOURCE = "postal"
# What the operator requires of each party (VNPost: name, address, telephone and province).
REQUIRED_PARTY_FIELDS = {"name": "họ tên", "address": "địa chỉ", "tel": "số điện thoại"}


def _check_party(party: dict[str, str], field: str, role: str) -> None:
    missing = [label for key, label in REQUIRED_PARTY_FIELDS.items() if not str(party.get(key, "")).strip()]
    if missing:
        message = f"Thiếu {', '.join(missing)} của {role} để tạo đơn bưu chính."
        raise DomainError(message, code="invalid", fields={field: [message]})


@transaction.atomic
def create_order(
    *,
    kind: str,
    dossier_id: int,
    order_number: str,
    sender: dict[str, str],
    receiver: dict[str, str],
    description: str = "",
    actor: Any,
    now: datetime | None = None,
) -> tuple[PostalOrder, bool]:
    """The dossier's live order of ``kind``, created and queued for the operator if it has none;
    returns it with whether it was created (choosing postal return twice makes one order)."""
    if kind not in OrderKind.values:
        raise DomainError("Loại đơn bưu chính không hợp lệ.", code="invalid", fields={"kind": []})
    existing = selectors.live_order(dossier_id, kind)
    if existing is not None:
        return existing, False
    operator = operators.get_operator()
    if operator is None:
        raise PostalUnavailable("Dịch vụ bưu chính công ích chưa được kết nối.")
    province = settings.POSTAL_PROVINCE_CODE
    sender = {"province": province, **{k: str(v).strip() for k, v in sender.items()}}
    receiver = {"province": province, **{k: str(v).strip() for k, v in receiver.items()}}
    _check_party(sender, "sender", "người gửi")
    _check_party(receiver, "receiver", "người nhận")
    moment = now or timezone.now()
    order = PostalOrder.objects.create(
        dossier_id=dossier_id,
        order_number=order_number,
        kind=kind,
        operator=operator.name,
        sender=sender,
        receiver=receiver,
        description=description[:500],
        requested_by=actor if getattr(actor, "pk", None) else None,
        created_at=moment,
        updated_at=moment,
    )
    outbox.enqueue(
        f"{operators.DESTINATION_PREFIX}:{operator.name}",
        f"postal-order:{order.pk}",
        operator.order_payload(order),
        stream=f"order:{order.order_number}",
        kind="postal_order",
        subject=order.order_number,
        now=moment,
    )
    return order, True


def apply_update(
    update: operators.TrackingUpdate, *, source: str, now: datetime, order: PostalOrder | None = None
) -> TrackingEvent | None:
    """Record a tracking event once (inside the caller's transaction) and move the order forward;
    None when the event was already recorded. Raises ``CallbackRefused`` for an unknown order."""
    order = order or selectors.order_for_update(update.order_number, update.item_code)
    if order is None:
        raise inbound.refusal("unknown_order")
    order = PostalOrder.objects.select_for_update().get(pk=order.pk)
    state, known_label = TRACKING_CODES.get(update.code, ("", ""))
    try:
        with transaction.atomic():
            event = TrackingEvent.objects.create(
                order=order,
                event_id=update.event_id,
                code=update.code,
                state=state,
                label=known_label or update.label or f"Mã trạng thái {update.code}",
                location=update.location,
                occurred_at=update.occurred_at,
                received_at=now,
                source=source,
            )
    except IntegrityError:
        return None  # the same event again (a callback and a poll both brought it)
    if state and STATE_RANK[OrderState(state)] > STATE_RANK[OrderState(order.state)]:
        order.state = state
    if update.item_code and not order.item_code:
        order.item_code = update.item_code
    order.updated_at = now
    order.save(update_fields=["state", "item_code", "updated_at"])
    hooks.dispatch(order, event, now)
    return event


@transaction.atomic
def receive_callback(body: bytes, *, header: str, now: datetime, remote_addr: str = "") -> TrackingEvent | None:
    """A tracking callback from the operator: checked (signature, time window, event id never used),
    then applied. Raises ``CallbackRefused``; the caller records the refusal (:func:`record_refusal`)."""
    data, _receipt = inbound.check(
        source=CALLBACK_SOURCE,
        body=body,
        header=header,
        secret=settings.POSTAL_CALLBACK_SECRET,
        now=now,
        tolerance_seconds=settings.POSTAL_CALLBACK_TOLERANCE_SECONDS,
        remote_addr=remote_addr,
    )
    update = operators.parse_update(data)
    if update is None:
        raise inbound.refusal("malformed")
    return apply_update(update, source="callback", now=now)


def record_refusal(body: bytes, *, header: str, reason: str, now: datetime, remote_addr: str = "") -> None:
    inbound.record_refusal(
        source=CALLBACK_SOURCE, body=body, header=header, reason=reason, now=now, remote_addr=remote_addr
    )


def poll(*, now: datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Ask the operator for the events of every open order (a lost callback is caught up here);
    counts of orders asked, new events and failures. Each order in its own transaction."""
    operator = operators.get_operator()
    counts = {"orders": 0, "events": 0, "failed": 0}
    if operator is None:
        return counts
    with operators.http_client() as client:
        for order in selectors.open_orders(operator.name)[:limit]:
            counts["orders"] += 1
            try:
                updates = operator.tracking(order, client)
            except (httpx.HTTPError, ValueError, AttributeError) as error:
                logger.warning("postal: tracking of %s failed: %s", order.order_number, error)
                counts["failed"] += 1
                continue
            moment = now or timezone.now()
            with transaction.atomic():
                for update in updates:
                    if apply_update(update, source="poll", now=moment, order=order) is not None:
                        counts["events"] += 1
                PostalOrder.objects.filter(pk=order.pk).update(last_polled_at=moment)
    return counts
