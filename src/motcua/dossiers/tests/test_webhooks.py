"""Partners' webhooks: the signature (forged, replayed, rotated), who receives which events, delivery, admin."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError
from motcua.dossiers import services
from motcua.dossiers.tests.helpers import pdf, receive, to_processing
from motcua.integrations import webhooks
from motcua.integrations.models import ApiClientEvent, WebhookSubscription
from motcua.integrations.tests.factories import make_client
from motcua.outbox import delivery
from motcua.outbox.constants import State
from motcua.outbox.models import Message

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
BODY = b'{"type": "dossier.received"}'


def test_a_signature_verifies_and_a_forged_or_replayed_one_does_not() -> None:
    header = webhooks.signature(["s3cret"], BODY, int(NOW.timestamp()))
    assert webhooks.verify(header, BODY, "s3cret", now=NOW)
    assert not webhooks.verify(header, BODY + b" ", "s3cret", now=NOW)  # the body was changed
    assert not webhooks.verify(header, BODY, "other", now=NOW)  # signed with another secret
    assert not webhooks.verify(header, BODY, "s3cret", now=NOW + timedelta(minutes=6))  # replayed later
    forged_time = header.replace(f"t={int(NOW.timestamp())}", f"t={int(NOW.timestamp()) + 60}")
    assert not webhooks.verify(forged_time, BODY, "s3cret", now=NOW)  # the timestamp is signed too
    assert not webhooks.verify("v1=abc", BODY, "s3cret", now=NOW)
    assert not webhooks.verify("", BODY, "s3cret", now=NOW)


@pytest.mark.django_db
def test_subscribing_checks_events_and_address(world: Any) -> None:
    client, _ = make_client(world.officer)
    with pytest.raises(DomainError):
        webhooks.subscribe(client, actor=None, url="https://partner.test/hook", events=["dossier.deleted"])
    with pytest.raises(DomainError):
        webhooks.subscribe(client, actor=None, url="ftp://partner.test", events=["dossier.received"])
    subscription, secret = webhooks.subscribe(
        client, actor=None, url="https://partner.test/hook", events=["dossier.received", "dossier.received"]
    )
    assert subscription.events == ["dossier.received"] and len(secret) >= 40
    assert ApiClientEvent.objects.filter(action="webhook_subscribed", client=client).exists()


@pytest.mark.django_db
def test_after_a_rotation_both_secrets_sign_until_the_overlap_ends(world: Any) -> None:
    client, _ = make_client(world.officer)
    subscription, old = webhooks.subscribe(client, actor=None, url="https://p.test/", events=["dossier.received"])
    new = webhooks.rotate_secret(subscription, actor=None, overlap_hours=1)
    subscription.refresh_from_db()
    now = subscription.previous_secret_until - timedelta(minutes=1)
    header = webhooks.signature(webhooks.signing_secrets(subscription, now), BODY, int(now.timestamp()))
    assert webhooks.verify(header, BODY, new, now=now) and webhooks.verify(header, BODY, old, now=now)
    later = subscription.previous_secret_until + timedelta(minutes=1)
    header = webhooks.signature(webhooks.signing_secrets(subscription, later), BODY, int(later.timestamp()))
    assert webhooks.verify(header, BODY, new, now=later) and not webhooks.verify(header, BODY, old, now=later)


@pytest.fixture
def subscribed(world: Any, settings: Any) -> tuple[Any, WebhookSubscription, str]:
    settings.WEBHOOKS_ENABLED = True
    client, _ = make_client(world.officer)  # acts as the receiving centre's officer
    subscription, secret = webhooks.subscribe(
        client, actor=None, url="https://partner.test/hook", events=[e.value for e in webhooks.WebhookEvent]
    )
    return world, subscription, secret


def queued(subscription: WebhookSubscription) -> list[Message]:
    return list(Message.objects.filter(destination=subscription.destination).order_by("pk"))


@pytest.mark.django_db
def test_events_reach_the_subscribed_partner_in_order(subscribed: Any) -> None:
    world, subscription, _ = subscribed
    dossier = to_processing(world)
    services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
    dossier = services.approve(dossier, actor=world.leader)
    services.attach_result(dossier, actor=world.leader, result_files=[pdf("ket-qua.pdf")])
    kinds = [m.kind for m in queued(subscription)]
    assert kinds[0] == "dossier.received" and kinds.count("dossier.result_ready") == 1
    assert kinds.count("dossier.status_changed") == 3  # accepted, processing, resolved
    first = queued(subscription)[0].payload
    assert first["data"]["code"] == dossier.code and "applicant" not in json.dumps(first)


@pytest.mark.django_db
def test_only_subscribed_events_of_visible_dossiers(subscribed: Any, settings: Any) -> None:
    world, subscription, _ = subscribed
    WebhookSubscription.objects.filter(pk=subscription.pk).update(events=["dossier.result_ready"])
    stranger_client, _ = make_client(world.stranger)  # an officer of another agency
    other, _ = webhooks.subscribe(stranger_client, actor=None, url="https://o.test/", events=["dossier.received"])
    catalogue_only, _ = make_client(world.officer, scopes=["catalogue:read"])  # may not read dossiers
    no_scope, _ = webhooks.subscribe(catalogue_only, actor=None, url="https://c.test/", events=["dossier.received"])
    receive(world)
    assert queued(subscription) == [] and queued(other) == [] and queued(no_scope) == []
    settings.WEBHOOKS_ENABLED = False
    WebhookSubscription.objects.filter(pk=subscription.pk).update(events=["dossier.received"])
    receive(world, applicant=receive(world).applicant)
    assert queued(subscription) == []


@pytest.mark.django_db
def test_deliveries_are_signed_and_a_stopped_subscription_sends_nothing(subscribed: Any) -> None:
    world, subscription, secret = subscribed
    receive(world)
    seen: list[httpx.Request] = []

    def partner(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        ok = webhooks.verify(request.headers["X-MotCua-Signature"], request.content, secret, now=datetime.now(UTC))
        return httpx.Response(200 if ok else 401)

    client = httpx.Client(transport=httpx.MockTransport(partner))
    while delivery.deliver_batch(worker="w", client=client):
        pass
    assert seen and {m.state for m in queued(subscription)} == {State.DELIVERED}
    assert all(r.headers["Idempotency-Key"] for r in seen)
    webhooks.set_active(subscription, actor=None, active=False)
    Message.objects.filter(destination=subscription.destination).update(state=State.PENDING)
    delivery.deliver_batch(worker="w", client=client)
    message = queued(subscription)[0]
    assert message.state == State.DEAD and "chưa được cấu hình" in message.last_error


@pytest.mark.django_db
def test_admin_subscriptions_are_for_administrators(subscribed: Any, client: Any, admin_client: Any) -> None:
    world, subscription, _ = subscribed
    receive(world)
    page = admin_client.get(reverse("admin:integrations_webhooksubscription_change", args=[subscription.pk]))
    assert page.status_code == 200 and "dossier.received" in page.content.decode()
    answer = admin_client.post(
        reverse("admin:integrations_webhooksubscription_changelist"),
        {"action": "rotate", "_selected_action": [subscription.pk]},
    )
    assert answer.status_code == 302
    assert WebhookSubscription.objects.get().previous_secret
    staff = UserFactory(username="staff", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:integrations_webhooksubscription_changelist")).status_code == 403
