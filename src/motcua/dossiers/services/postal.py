"""Postal orders of a dossier: the post office collects the applicant's paper dossier for the unit,
or delivers the result to the applicant (the orders themselves live in ``motcua.postal``).

The return order is created when the result is ready (the dossier reaches "resolved") if the
applicant chose postal return at the counter or online; an officer may also create either order from
the dossier's page. Tracking events reach the dossier through :func:`on_tracking` (registered with
``postal.hooks``): each appends to the history, and a delivered result closes the return.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.accounts.roles import ONE_STOP
from motcua.accounts.selectors import has_role
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import events
from motcua.dossiers.constants import FINAL_STATUSES, ReturnMethod, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.base import lock, record
from motcua.postal import services as postal
from motcua.postal.constants import HANDED_OVER_LABEL, OrderKind, OrderState
from motcua.postal.models import PostalOrder, TrackingEvent

logger = logging.getLogger(__name__)


def may_order(dossier: Dossier, agency_id: int, role: str) -> bool:
    """Who orders from the post office: the one-stop unit that received the dossier (acting there)."""
    return dossier.status != Status.DRAFT and agency_id == dossier.receiving_agency_id and role in ONE_STOP


def _require_one_stop(dossier: Dossier, actor: User) -> None:
    if not has_role(actor, dossier.receiving_agency_id, *ONE_STOP):
        raise PermissionDenied("Chỉ Bộ phận Một cửa nơi tiếp nhận hồ sơ được tạo đơn bưu chính.")


def offers(dossier: Dossier) -> list[str]:
    """The orders that could be created for the dossier now (the back office's buttons)."""
    kinds: list[str] = []
    if dossier.status not in FINAL_STATUSES and dossier.status != Status.DRAFT and dossier.returned_at is None:
        kinds.append(OrderKind.COLLECT)
    if dossier.status == Status.RESOLVED and dossier.result_delivery == ReturnMethod.POSTAL:
        kinds.append(OrderKind.RETURN)
    return kinds


def _unit(dossier: Dossier) -> dict[str, str]:
    agency = dossier.receiving_agency
    return {"name": agency.name, "address": agency.address, "tel": agency.phone, "email": agency.email}


def _applicant(dossier: Dossier, address: str) -> dict[str, str]:
    return {
        "name": dossier.applicant_name,
        "address": address,
        "tel": dossier.applicant_phone,
        "email": dossier.applicant_email,
    }


def _order(dossier: Dossier, kind: str, *, actor: User | None, now: datetime) -> PostalOrder:
    if not dossier.code:
        raise DomainError("Hồ sơ chưa có mã: chưa tạo được đơn bưu chính.", code="invalid")
    if kind == OrderKind.RETURN:
        sender, receiver = _unit(dossier), _applicant(dossier, dossier.delivery_address)
        description = f"Kết quả giải quyết hồ sơ {dossier.code}: {dossier.procedure.name}"
    else:
        sender, receiver = _applicant(dossier, dossier.applicant_address), _unit(dossier)
        description = f"Hồ sơ giấy của hồ sơ {dossier.code}: {dossier.procedure.name}"
    order, created = postal.create_order(
        kind=kind,
        dossier_id=dossier.pk,
        order_number=dossier.code,
        sender=sender,
        receiver=receiver,
        description=description,
        actor=actor,
        now=now,
    )
    if created:
        record(
            dossier,
            events.POSTAL_ORDER,
            user=actor,
            now=now,
            note=f"{order.get_kind_display()} qua {order.operator_name}",
            data={"order": order.pk, "kind": kind},
        )
    return order


@transaction.atomic
def request_postal_return(dossier: Dossier | int, *, actor: User, now: datetime | None = None) -> PostalOrder:
    """Order the delivery of the result to the applicant's chosen address (once the result is ready)."""
    row = lock(dossier)
    _require_one_stop(row, actor)
    if row.status != Status.RESOLVED:
        raise DomainError("Chỉ tạo đơn chuyển phát khi đã có kết quả chờ trả.", code="invalid_status")
    if row.result_delivery != ReturnMethod.POSTAL or not row.delivery_address:
        message = "Người nộp chưa đăng ký nhận kết quả qua bưu chính (cần địa chỉ nhận)."
        raise DomainError(message, code="invalid", fields={"delivery_address": [message]})
    return _order(row, OrderKind.RETURN, actor=actor, now=now or timezone.now())


@transaction.atomic
def request_postal_collection(dossier: Dossier | int, *, actor: User, now: datetime | None = None) -> PostalOrder:
    """Order the collection of the applicant's paper dossier, brought by the post office to the unit."""
    row = lock(dossier)
    _require_one_stop(row, actor)
    if row.status in FINAL_STATUSES or row.status == Status.DRAFT or row.returned_at is not None:
        raise DomainError("Hồ sơ đã kết thúc: không thu gom hồ sơ giấy.", code="invalid_status")
    if not row.applicant_address:
        message = "Cần địa chỉ của người nộp để bưu điện đến thu gom."
        raise DomainError(message, code="invalid", fields={"applicant_address": [message]})
    return _order(row, OrderKind.COLLECT, actor=actor, now=now or timezone.now())


def return_when_ready(dossier: Dossier, *, actor: User | None, now: datetime) -> None:
    """Called as an action leaves the dossier resolved: the applicant chose postal return, so the
    return order is created now. Without a postal operator (or without the applicant's telephone)
    the officer returns the result by hand as before; the action itself is never refused for it."""
    if dossier.result_delivery != ReturnMethod.POSTAL or not dossier.delivery_address:
        return
    try:
        with transaction.atomic():
            _order(dossier, OrderKind.RETURN, actor=actor, now=now)
    except DomainError as error:
        logger.info("postal: no return order for %s: %s", dossier.code, error.message)


def on_tracking(order: PostalOrder, event: TrackingEvent, now: datetime) -> None:
    """A new tracking event of one of the dossier's orders: in the history; a delivered result
    returns the dossier (the return step and status, as an officer's return by post would)."""
    dossier = Dossier.objects.select_for_update().filter(pk=order.dossier_id).first()
    if dossier is None:
        return
    delivered = event.state == OrderState.DELIVERED
    label = HANDED_OVER_LABEL if delivered and order.kind == OrderKind.COLLECT else event.label
    where = f" – {event.location}" if event.location else ""
    record(
        dossier,
        events.POSTAL_TRACKING,
        user=None,
        now=now,
        note=f"{order.get_kind_display()} {order.item_code}: {label}{where}".replace("  ", " "),
        data={"order": order.pk, "code": event.code, "state": event.state, "item_code": order.item_code},
    )
    if delivered and order.kind == OrderKind.RETURN and dossier.status == Status.RESOLVED:
        _close_return(dossier, order, now)


def _close_return(dossier: Dossier, order: PostalOrder, now: datetime) -> None:
    from motcua.dossiers.services.closing import return_result

    # The one-stop officer who received the dossier returns it, as at the counter; the order's creator
    # (who may be the leader who signed the result) only when nobody received it.
    actor = dossier.received_by or order.requested_by
    if actor is None:
        return  # nobody to act for: the officer confirms the return from the dossier's page
    try:
        with transaction.atomic():
            return_result(
                dossier,
                actor=actor,
                method=ReturnMethod.POSTAL,
                shipment_number=order.item_code or order.order_number,
                returned_to=order.receiver.get("name", ""),
                note="Bưu điện xác nhận đã phát kết quả cho người nhận.",
                now=now,
            )
    except DomainError as error:
        logger.warning("postal: the return of %s was not closed: %s", dossier.code, error.message)
