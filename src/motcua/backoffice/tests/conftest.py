"""Fixtures of the back-office tests: officials in agencies, a clean cache per test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory, UserFactory
from motcua.organisations.tests.factories import AgencyFactory


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    # The lockout counters live in the cache; the local-memory cache outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(db: Any) -> Any:
    return AgencyFactory(name="Sở Tư pháp")


@pytest.fixture
def other_agency(db: Any) -> Any:
    return AgencyFactory(name="Sở Xây dựng")


@pytest.fixture
def officer(agency: Any) -> Any:
    """A one-stop officer of ``agency``."""
    return MembershipFactory(agency=agency, role=Role.ONE_STOP_OFFICER, user=UserFactory(username="motcua1")).user


@pytest.fixture(autouse=True)
def _model_backend_only(settings: Any) -> None:
    # TEMPORARY: the portal's e-mail/phone backend is declared in settings before its module landed.
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
