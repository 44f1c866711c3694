from __future__ import annotations

from collections.abc import Iterator

import pytest

from motcua.workdays.selectors import clear_calendar_cache


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    """Settings-dependent calendars must not leak between tests (overrides are never stale by design)."""
    clear_calendar_cache()
    yield
    clear_calendar_cache()
