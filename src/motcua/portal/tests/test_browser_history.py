"""The public lookup keeps showing a dossier's whole history: the database refuses to remove it."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.db import DatabaseError, connection

from motcua.dossiers import events
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_lookup_shows_the_history_after_an_attempt_to_erase_it(
    live_server: Any, new_browser_page: Any
) -> None:
    with time_machine.travel(MONDAY_9AM, tick=True):
        dossier = receive(build_world())
    labels = [events.label(e.action) for e in DossierEvent.objects.filter(dossier=dossier).order_by("pk")]
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM dossiers_dossierevent WHERE dossier_id = %s", [dossier.pk])

    page = new_browser_page()
    page.goto(f"{live_server.url}/tra-cuu-ho-so/")
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_label("Số điện thoại hoặc số định danh cá nhân").fill("0912345678")
    page.get_by_role("button", name="Tra cứu").click()
    page.locator("#track-result").wait_for()
    shown = page.locator("section.result").inner_text()
    for label in labels:
        assert label in shown
