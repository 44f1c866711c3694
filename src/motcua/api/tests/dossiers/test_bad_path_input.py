"""A NUL byte or other non-code characters in a route's code: a clear 404 on every channel, never a 500.

On PostgreSQL (``DATABASE_URL=postgres://…``) the NUL byte reached the query and failed with an error
500; on SQLite it matched nothing. The selectors' own tests (dossiers/tests/test_code_lookups.py)
show on either database that such a value is refused before any query.
"""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.api.tests.dossiers.test_api import client_for
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/dossiers/H44%00x/",
        "/api/v1/dossiers/H44%00x/forms/01.pdf",
        "/api/v1/procedures/1.00%001193/",
    ],
)
def test_api_routes_answer_404_in_json(world, path):
    receive(world)
    response = client_for(world.officer).get(path)
    assert response.status_code == 404 and response.json()["code"].endswith("not_found")


def test_the_public_lookup_answers_404(world):
    receive(world)
    response = Client().get("/api/v1/public/dossiers/H44%00/", {"phone": "0912345678"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/can-bo/ho-so/H44%00/", "/can-bo/ho-so/H44%00/tep/1/", "/can-bo/ho-so/H44%00/mau-01.pdf"],
)
def test_back_office_routes_answer_404(world, path):
    receive(world)
    client = Client()
    client.force_login(world.officer)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/thu-tuc/1.00%001193/", "/thu-tuc/1.00%001193/mau/1/", "/tra-cuu-ho-so/?code=H44%00"]
)
def test_portal_routes_answer_404(world, path):
    assert Client().get(path).status_code in (200, 404)


def test_a_nul_byte_in_the_inbox_search_finds_nothing(world):
    receive(world)
    client = Client()
    client.force_login(world.officer)
    assert client.get("/can-bo/", {"q": "a\x00b"}).status_code == 200
