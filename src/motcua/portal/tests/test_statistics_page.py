"""The public statistics page: the province's aggregates, any period, bad input a 400, nothing personal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from motcua.dossiers.tests.conftest import MONDAY_9AM, build_world
from motcua.dossiers.tests.helpers import receive
from motcua.operations.tests.conftest import varied_copies

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(db: Any) -> Iterator[Any]:
    with time_machine.travel(MONDAY_9AM, tick=False):
        world = build_world()
        dossier = receive(world)
        varied_copies(dossier, 60, agencies=[world.department, world.commune])
        yield dossier


@pytest.mark.parametrize(
    "params", [{}, {"period": "year", "year": "2026"}, {"period": "quarter", "quarter": "1", "year": "2026"}]
)
def test_public_page_shows_aggregates_only(client: Client, template: Any, params: dict[str, str]) -> None:
    response = client.get("/thong-ke/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thống kê giải quyết thủ tục hành chính" in html
    assert template.applicant_name not in html and template.code not in html and "OPS-" not in html


@pytest.mark.parametrize("params", [{"period": "decade"}, {"period": "month", "month": "99"}, {"year": "abc"}])
def test_bad_period_is_a_400_with_the_message(client: Client, template: Any, params: dict[str, str]) -> None:
    response = client.get("/thong-ke/", params)
    assert response.status_code == 400
    assert b"error-summary" in response.content
