from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import time_machine

from motcua.postal.tests.helpers import route_to_simulator

NOW = datetime.fromisoformat("2026-03-02T09:00:00+07:00")


@pytest.fixture(autouse=True)
def _simulator(monkeypatch: Any) -> None:
    route_to_simulator(monkeypatch)


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
