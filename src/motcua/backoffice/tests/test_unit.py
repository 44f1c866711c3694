"""The unit head's view: work and overdue per handler, reassignment through the engine."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.tests.helpers import applicant_data, receive, to_processing

pytestmark = pytest.mark.django_db
UNIT = reverse("backoffice:unit")


def test_counts_per_handler_and_overdue(client: Client, world: Any, frozen: Any) -> None:
    to_processing(world)
    to_processing(world, applicant=applicant_data())
    receive(world, applicant=applicant_data())  # not assigned yet
    frozen.shift(timedelta(days=3))  # Thursday 09:00: the appraisal steps (due Wednesday 09:00) are late
    client.force_login(world.head)
    html = client.get(UNIT).content.decode()
    row = html[html.index("Đỗ Thị Chuyên") :]
    assert "<td>2</td>" in row[:200] and "2 quá hạn" in row[:300]
    assert "Chưa phân công</a></td><td>1</td>" in html


def test_reassign_moves_the_step_to_another_handler(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.head)
    response = client.post(
        UNIT + "phan-cong/",
        {"dossier": dossier.code, "handler": world.specialist2.pk, "version": dossier.version},
        follow=True,
    )
    assert f"Đã giao hồ sơ {dossier.code} cho Vũ Văn Hai." in response.content.decode()
    assert dossier.steps.get(state="active").handler == world.specialist2


def test_reassign_with_a_stale_version_reports_the_conflict(client: Client, world: Any) -> None:
    dossier = to_processing(world)
    client.force_login(world.head)
    response = client.post(
        UNIT + "phan-cong/",
        {"dossier": dossier.code, "handler": world.specialist2.pk, "version": dossier.version - 1},
        follow=True,
    )
    assert "Hồ sơ vừa được người khác cập nhật" in response.content.decode()
    assert dossier.steps.get(state="active").handler == world.specialist
