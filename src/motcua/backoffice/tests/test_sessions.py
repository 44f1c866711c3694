"""Officials' sessions end after an idle time and a maximum lifetime; citizens' sessions do not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.backoffice.middleware import EXPIRY_GRACE_SECONDS

pytestmark = pytest.mark.django_db
INBOX = reverse("backoffice:inbox")
START = datetime(2026, 4, 6, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_an_idle_official_is_signed_out_after_thirty_minutes(client: Client, officer: Any) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(officer)
        assert client.get(INBOX).status_code == 200
        clock.shift(timedelta(minutes=29))
        assert client.get(INBOX).status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get(INBOX)
        assert not _signed_in(client)
        assert response["Location"] == f"{reverse('backoffice:login')}?next=%2Fcan-bo%2F"
        login_page = client.get(response["Location"]).content.decode()
        assert "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại." in login_page


def test_the_idle_timeout_is_a_setting(client: Client, officer: Any, settings: Any) -> None:
    settings.OFFICIAL_SESSION_IDLE_MINUTES = 5
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(officer)
        client.get(INBOX)
        clock.shift(timedelta(minutes=6))
        client.get(INBOX)
        assert not _signed_in(client)


def test_an_active_official_is_signed_out_twelve_hours_after_sign_in(client: Client, officer: Any) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(officer)
        for _ in range(35):  # a request every 20 minutes: never idle
            clock.shift(timedelta(minutes=20))
            assert client.get(INBOX).status_code == 200
        assert _signed_in(client)  # 11 h 40 min
        clock.shift(timedelta(minutes=21))
        client.get(INBOX)
        assert not _signed_in(client)


def test_the_session_cookie_of_an_official_dies_soon_after_the_idle_timeout(client: Client, officer: Any) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(officer)
        clock.shift(timedelta(minutes=10))
        client.get(INBOX)
        assert client.session.get_expiry_age() == settings.OFFICIAL_SESSION_IDLE_MINUTES * 60 + EXPIRY_GRACE_SECONDS


def test_a_citizen_stays_signed_in_on_the_portal_for_days(client: Client) -> None:
    citizen = UserFactory(username="congdan")
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(citizen)
        client.get("/")
        clock.shift(timedelta(days=2))
        client.get("/")
        assert _signed_in(client)
        assert client.session.get_expiry_age() == settings.CITIZEN_SESSION_DAYS * 24 * 3600
