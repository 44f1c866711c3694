"""Sign-in lockout counters (cache-backed), used by the back office and portal sign-in pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings

from motcua.accounts import lockout

START = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội, a Monday


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    # The local-memory cache outlives a test.
    cache.clear()
    yield
    cache.clear()


def test_success_resets_the_counter() -> None:
    with time_machine.travel(START, tick=False):
        for _ in range(4):
            lockout.register_failure("a", "1.1.1.1")
        assert lockout.remaining_attempts("a", "1.1.1.1") == 1
        lockout.reset("a", "1.1.1.1")
        assert lockout.remaining_attempts("a", "1.1.1.1") == 5
        assert lockout.locked_until("a", "1.1.1.1") is None


def test_the_fifth_failure_locks_for_the_configured_time() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        results = [lockout.register_failure("a", "1.1.1.1") for _ in range(5)]
        assert results[:4] == [None] * 4
        assert results[4] == START + timedelta(minutes=15)
        assert lockout.locked_until("a", "1.1.1.1") == START + timedelta(minutes=15)
        traveller.shift(timedelta(minutes=15, seconds=1))
        assert lockout.locked_until("a", "1.1.1.1") is None


def test_user_names_are_folded_and_ip_addresses_kept_apart() -> None:
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            lockout.register_failure("NguyenVanA", "1.1.1.1")
        assert lockout.locked_until("nguyenvana", "1.1.1.1") is not None
        assert lockout.locked_until("nguyenvana", "2.2.2.2") is None


@override_settings(LOGIN_LOCKOUT_ATTEMPTS=2, LOGIN_LOCKOUT_WINDOW_MINUTES=1, LOGIN_LOCKOUT_MINUTES=3)
def test_policy_follows_the_settings() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        assert lockout.register_failure("a", "1.1.1.1") is None
        traveller.shift(timedelta(minutes=2))  # outside the window: the first failure no longer counts
        assert lockout.register_failure("a", "1.1.1.1") is None
        assert lockout.register_failure("a", "1.1.1.1") == START + timedelta(minutes=5)
