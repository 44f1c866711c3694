"""Every page on the path of a dossier makes a fixed number of queries, whatever the data volume.

Each number is the count measured on this code; a change that adds queries per row or per
dossier fails here. Data is added between two measurements to prove the count does not grow.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.tests.helpers import applicant_data, pdf, receive, to_processing

pytestmark = pytest.mark.django_db


def _measure(client: Client, url: str, expected: int, assert_queries: Any, **params: Any) -> None:
    with assert_queries(expected):
        response = client.get(url, params)
    assert response.status_code == 200


def test_intake_page(client: Client, world: Any, django_assert_num_queries: Any) -> None:
    client.force_login(world.officer)
    url = reverse("backoffice:intake")
    client.get(url)
    # session, user, memberships; procedure; version; components; competent agencies; fees (then
    # kept per process with the version's other content, as intake reads them); calendar overrides;
    # the procedure groups it belongs to (to offer receiving the whole group)
    _measure(client, url, 10, django_assert_num_queries, procedure=world.procedure.code)
    receive(world)
    _measure(client, url, 9, django_assert_num_queries, procedure=world.procedure.code)


def test_procedure_search_partial(client: Client, world: Any, django_assert_num_queries: Any) -> None:
    client.force_login(world.officer)
    url = reverse("backoffice:intake_search")
    client.get(url)
    # session, user, memberships; then the catalogue search's own queries (candidates from FTS5 or
    # trigrams, ranking data, rows: 2-3 today), bounded rather than pinned as they belong to the catalogue
    with django_assert_num_queries(8, exact=False):
        client.get(url, {"q": "ly lich"})


def test_unit_page(client: Client, world: Any, django_assert_num_queries: Any) -> None:
    to_processing(world)
    client.force_login(world.head)
    url = reverse("backoffice:unit")
    client.get(url)
    # session, user, memberships; open steps with dossiers; handlers with counts; unassigned count
    _measure(client, url, 6, django_assert_num_queries)
    for _ in range(3):
        to_processing(world, applicant=applicant_data())
    _measure(client, url, 6, django_assert_num_queries)


def test_ledger_page(client: Client, world: Any, django_assert_num_queries: Any) -> None:
    receive(world)
    client.force_login(world.officer)
    url = reverse("backoffice:ledger")
    client.get(url)
    # session, user, memberships; the register rows
    _measure(client, url, 4, django_assert_num_queries, **{"from": "01/03/2026", "to": "31/03/2026"})
    for _ in range(3):
        receive(world, applicant=applicant_data())
    _measure(client, url, 4, django_assert_num_queries, **{"from": "01/03/2026", "to": "31/03/2026"})


def test_forward_action_post(client: Client, world: Any, django_assert_num_queries: Any) -> None:
    """The POST of an action: our reads, then the engine's service (lock, checks, writes, history)."""
    first = to_processing(world)
    second = to_processing(world, applicant=applicant_data())
    client.force_login(world.specialist)
    client.get(reverse("backoffice:inbox"))
    url = reverse("backoffice:action", kwargs={"code": first.code, "action": "forward"})
    with django_assert_num_queries(40, exact=False) as captured:
        client.post(url, {"forward-version": first.version, "forward-attachments": [pdf()]})
    baseline = len(captured)
    url = reverse("backoffice:action", kwargs={"code": second.code, "action": "forward"})
    with django_assert_num_queries(baseline):
        client.post(url, {"forward-version": second.version, "forward-attachments": [pdf()]})
