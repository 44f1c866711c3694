"""Demo of the links with other systems: a partner's webhook subscription with its delivery log, and
dossiers whose paper dossier or result travels with the post office (the simulator's shipments, at
different stages). The national portal's synchronisation needs no data of its own: ``make demo``
points DVCQG_URL at the reference receiver, so the demo dossiers are sent as they are created.
Idempotent: nothing is added twice."""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from motcua.accounts import demo as people
from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.dossiers import webhooks as dossier_webhooks
from motcua.dossiers.constants import ReturnMethod, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.postal import request_postal_collection, request_postal_return
from motcua.integrations import webhooks
from motcua.integrations.constants import Scope, WebhookEvent
from motcua.integrations.models import WebhookSubscription
from motcua.integrations.services import create_api_client
from motcua.outbox import delivery
from motcua.outbox import services as outbox
from motcua.postal import operators, simulator
from motcua.postal import services as postal
from motcua.postal.constants import OrderKind
from motcua.postal.models import PostalOrder, SimulatedShipment

PARTNER_URL = "https://lgsp.phutho.gov.vn.invalid/motcua/su-kien"
# The operator's stages each demo shipment has reached, with the post office of each event.
COLLECTING = [("100", "Bưu cục Việt Trì"), ("101", "Bưu cục Việt Trì")]
HANDED_OVER = [*COLLECTING, ("102", "Bưu cục Việt Trì"), ("104", "Bưu cục Việt Trì"), ("105", "Bộ phận Một cửa")]
IN_TRANSIT = [("100", "Bưu cục Việt Trì"), ("102", "Bưu cục Việt Trì"), ("103", "Bưu cục trung tâm Phú Thọ")]


def load(stdout: TextIO) -> None:
    _webhook(stdout)
    _postal(stdout)


def _webhook(stdout: TextIO) -> None:
    if WebhookSubscription.objects.filter(url=PARTNER_URL).exists():
        stdout.write("Demo webhook subscription: already present.\n")
        return
    user = User.objects.get(username=people.TIEPNHAN_TINH)
    client, _key = create_api_client(
        actor=None,
        name="Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)",
        organisation="Sở Khoa học và Công nghệ tỉnh Phú Thọ",
        user=user,
        scopes=[Scope.DOSSIERS_READ],
        expires_at=timezone.now() + datetime.timedelta(days=365),
    )
    subscription, _secret = webhooks.subscribe(
        client,
        actor=None,
        url=PARTNER_URL,
        events=[WebhookEvent.DOSSIER_RECEIVED, WebhookEvent.STATUS_CHANGED, WebhookEvent.RESULT_READY],
    )
    delivered = 0
    for dossier in Dossier.objects.exclude(status=Status.DRAFT).exclude(code="").order_by("-submitted_at")[:4]:
        for index, entry in enumerate(DossierEvent.objects.filter(dossier=dossier).order_by("pk")):
            for event_type in dossier_webhooks.event_types(entry):
                key = f"{dossier.reference}:demo:{index}:{event_type}"
                body = dossier_webhooks.body(event_type, dossier, entry, key)
                with transaction.atomic():
                    message = outbox.enqueue(
                        subscription.destination,
                        key,
                        body,
                        stream=f"dossier:{dossier.pk}",
                        kind=event_type,
                        subject=dossier.code or "",
                        now=entry.occurred_at,
                    )
                # The partner answered once "busy" (the retry shows in the log), then acknowledged.
                answers = [(503, "Service Unavailable"), (200, '{"received": true}')] if delivered == 1 else []
                answers = answers or [(200, '{"received": true}')]
                _answer(message.pk, answers, entry.occurred_at)
                delivered += 1
    stdout.write(f"Demo webhook subscription: {PARTNER_URL}, {delivered} deliveries in its log.\n")


def _answer(pk: int, answers: list[tuple[int, str]], start: datetime.datetime) -> None:
    """Record the partner's answers to one message through the outbox's own claim and settle."""
    moment = start
    for status, text in answers:
        moment += datetime.timedelta(seconds=2)
        [message] = delivery.claim(worker="demo", now=moment + datetime.timedelta(days=1), only=[pk])
        outcome = delivery.judge(status, text)
        delivery.settle(message, outcome, worker="demo", started=moment, now=moment + datetime.timedelta(seconds=1))


def _postal(stdout: TextIO) -> None:
    if operators.get_operator() is None:
        stdout.write("Demo postal orders: no postal operator configured (POSTAL_OPERATOR).\n")
        return
    if SimulatedShipment.objects.exists():
        stdout.write("Demo postal orders: already present.\n")
        return
    made = 0
    open_dossiers = Dossier.objects.filter(status__in=[Status.SUBMITTED, Status.PROCESSING]).exclude(
        applicant_address=""
    )
    for dossier, stages in zip(open_dossiers.order_by("pk")[:2], (COLLECTING, HANDED_OVER), strict=False):
        made += _order(dossier, OrderKind.COLLECT, stages)
    resolved = Dossier.objects.filter(status=Status.RESOLVED, result_delivery=ReturnMethod.POSTAL).first()
    if resolved is not None:
        made += _order(resolved, OrderKind.RETURN, IN_TRANSIT)
    stdout.write(f"Demo postal orders: {made} with their tracking.\n")


def _order(dossier: Dossier, kind: str, stages: list[tuple[str, str]]) -> int:
    officer = dossier.received_by or User.objects.get(username=people.TIEPNHAN_VIET_TRI)
    now = timezone.now()
    # An hour after it was sent, or now for one sent within the hour (an order is never dated ahead).
    start = min((dossier.submitted_at or now) + datetime.timedelta(hours=1), now - datetime.timedelta(minutes=30))
    try:
        if kind == OrderKind.COLLECT:
            order = request_postal_collection(dossier, actor=officer, now=start)
        else:
            order = PostalOrder.objects.filter(dossier_id=dossier.pk, kind=kind).first() or request_postal_return(
                dossier, actor=officer, now=start
            )
    except DomainError:
        return 0
    # The simulator holds the shipment as if it had received the order (the delivery worker's order
    # finds it by its idempotency key), and reports its stages; each reaches the dossier's history.
    shipment = SimulatedShipment.objects.create(
        request_key=f"postal-order:{order.pk}", order_number=order.order_number, payload={}, created_at=start
    )
    shipment.item_code = simulator.item_code(shipment.pk)
    shipment.save(update_fields=["item_code"])
    latest = timezone.now() - datetime.timedelta(minutes=len(stages))
    for number, (code, office) in enumerate(stages, start=1):
        # Two hours apart, the last one no later than now (a dossier received this morning).
        spaced = order.created_at + datetime.timedelta(hours=2 * number)
        moment = min(spaced, latest + datetime.timedelta(minutes=number))
        event = simulator.add_event(shipment, code, moment, office)
        update = operators.parse_update(event)
        if update is not None:
            with transaction.atomic():
                postal.apply_update(update, source="callback", now=moment)
    return 1
