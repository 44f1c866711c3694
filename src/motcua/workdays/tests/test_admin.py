"""The admin writes overrides through the services and shows validation errors in Vietnamese."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from motcua.accounts.tests.factories import UserFactory
from motcua.workdays.models import CalendarEvent, CalendarOverride, OverrideKind

pytestmark = pytest.mark.django_db

ADD = "/admin/workdays/calendaroverride/add/"


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_add_change_and_delete_through_admin(admin_client: Client) -> None:
    form = {"date": "2026-03-06", "kind": OverrideKind.DAY_OFF, "name": "Nghỉ bão", "reason": ""}
    response = admin_client.post(ADD, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    override = CalendarOverride.objects.get()
    assert override.created_by is not None and override.date == date(2026, 3, 6)

    change = f"/admin/workdays/calendaroverride/{override.pk}/change/"
    assert admin_client.post(change, {"name": "Nghỉ bão số 3", "reason": "CV 12"}).status_code == 302
    assert CalendarOverride.objects.get().name == "Nghỉ bão số 3"

    delete = f"/admin/workdays/calendaroverride/{override.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not CalendarOverride.objects.exists()
    assert list(CalendarEvent.objects.values_list("action", flat=True)) == [
        "override_added",
        "override_renamed",
        "override_removed",
    ]
    assert admin_client.get("/admin/workdays/calendarevent/").status_code == 200


def test_admin_shows_validation_errors(admin_client: Client) -> None:
    form = {"date": "2026-03-08", "kind": OverrideKind.DAY_OFF, "name": "Nghỉ", "reason": ""}
    response = admin_client.post(ADD, form)
    assert response.status_code == 200
    assert "vốn đã là ngày nghỉ" in response.content.decode()
    assert not CalendarOverride.objects.exists()
