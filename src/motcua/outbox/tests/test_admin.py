"""The dead-letter list in the admin: IT administrators list, inspect and replay; nobody else sees it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.outbox import services
from motcua.outbox.constants import State
from motcua.outbox.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead(destination: str) -> Message:
    message = services.enqueue("partner", "k-1", {"MaHoSo": "H56-1"}, stream="dossier:1", kind="test", subject="H56-1")
    Message.objects.filter(pk=message.pk).update(state=State.DEAD, last_error="HTTP 400: MaHoSo sai")
    return message


def test_administrator_lists_inspects_and_replays(admin_client: Client, dead: Message) -> None:
    listing = admin_client.get(reverse("admin:outbox_message_changelist") + "?state=dead")
    assert listing.status_code == 200 and "H56-1" in listing.content.decode()
    detail = admin_client.get(reverse("admin:outbox_message_change", args=[dead.pk]))
    assert detail.status_code == 200 and "MaHoSo sai" in detail.content.decode()
    answer = admin_client.post(
        reverse("admin:outbox_message_changelist"), {"action": "replay", "_selected_action": [dead.pk]}
    )
    assert answer.status_code == 302
    dead.refresh_from_db()
    assert dead.state == State.PENDING and dead.replay_count == 1


def test_staff_who_are_not_administrators_see_nothing(client: Client, django_user_model: Any, dead: Message) -> None:
    staff = django_user_model.objects.create_user(username="staff", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:outbox_message_changelist")).status_code == 403
    assert client.get(reverse("admin:outbox_message_change", args=[dead.pk])).status_code == 403
    answer = client.post(
        reverse("admin:outbox_message_changelist"), {"action": "replay", "_selected_action": [dead.pk]}
    )
    assert answer.status_code == 403
    dead.refresh_from_db()
    assert dead.state == State.DEAD
