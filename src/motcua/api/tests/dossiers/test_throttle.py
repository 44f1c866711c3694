"""The public look-up throttle counts per client address and a fresh X-Forwarded-For does not reset it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from motcua.api.throttling import ClientScopedRateThrottle
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db


def test_public_lookup_throttle_is_not_escaped_by_a_fresh_forwarded_header(world, monkeypatch):
    monkeypatch.setattr(ClientScopedRateThrottle, "THROTTLE_RATES", {"public_lookup": "3/minute"})
    cache.clear()
    dossier = receive(world)
    anonymous = APIClient()
    codes = [
        anonymous.get(
            f"/api/v1/public/dossiers/{dossier.code}/",
            {"phone": "0912345678"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(5)
    ]
    cache.clear()
    assert codes == [200, 200, 200, 429, 429]
