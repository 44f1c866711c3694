"""The national portal's synchronisation per procedure, for the system's administrators."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.dossiers import sync
from motcua.dossiers.tests.helpers import receive
from motcua.outbox.constants import State
from motcua.outbox.models import Message

pytestmark = pytest.mark.django_db
URL = "/can-bo/dong-bo-dvcqg/"


@pytest.fixture
def connected(world: Any, settings: Any) -> Any:
    settings.OUTBOX_DESTINATIONS = {"dvcqg": {"url": "http://dvcqg.test/", "max_attempts": 3}}
    world.procedure.dvcqg_connected = True
    world.procedure.save()
    return world


def test_the_administrator_sees_each_procedure_and_its_failures(client: Client, connected: Any) -> None:
    first, second = receive(connected), receive(connected)
    Message.objects.filter(stream=sync.stream_of(first)).update(state=State.DELIVERED)
    Message.objects.filter(stream=sync.stream_of(second)).update(
        state=State.DEAD, last_error="error_code 1: Thiếu MaTTHC", attempts=3
    )
    client.force_login(UserFactory(superuser=True))
    page = client.get(reverse("backoffice:national_portal")).content.decode()
    assert connected.procedure.code in page and "Đã kết nối 1/1 thủ tục hành chính." in page
    assert "1 hồ sơ lỗi" in page
    failures = client.get(URL, {"loi": connected.procedure.code}).content.decode()
    assert second.code in failures and "Thiếu MaTTHC" in failures and first.code not in failures


def test_an_official_in_the_administrator_role_may_read_it(client: Client, world: Any) -> None:
    admin = UserFactory()
    MembershipFactory(user=admin, agency=world.centre, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("who", ["officer", "leader", "specialist"])
def test_other_officials_are_refused(client: Client, world: Any, who: str) -> None:
    client.force_login(getattr(world, who))
    answer = client.get(URL)
    assert answer.status_code == 403 and "Chỉ quản trị hệ thống" in answer.content.decode()


def test_anonymous_is_sent_to_sign_in(client: Client, db: Any) -> None:
    assert client.get(URL)["Location"].startswith("/can-bo/dang-nhap/")
