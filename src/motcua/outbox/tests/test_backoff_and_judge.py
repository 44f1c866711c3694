from __future__ import annotations

import pytest

from motcua.outbox.backoff import delay_seconds
from motcua.outbox.delivery import judge


@pytest.mark.parametrize(
    ("attempts", "draw", "expected"),
    [
        (1, 0.0, 1.0),  # base 2: half fixed
        (1, 1.0, 2.0),
        (2, 0.0, 2.0),  # doubled
        (3, 1.0, 8.0),
        (10, 0.0, 30.0),  # capped at 60, half fixed
        (10, 1.0, 60.0),
        (0, 0.5, 1.5),  # never below the first delay
        (500, 1.0, 60.0),  # no overflow on a long outage
    ],
)
def test_delay_doubles_with_jitter_up_to_the_cap(attempts: int, draw: float, expected: float) -> None:
    assert delay_seconds(attempts, base=2, cap=60, draw=lambda: draw) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("status", "body", "ok", "permanent"),
    [
        (200, '{"error_code": 0, "message": "Thành công"}', True, False),
        (200, '{"error_code": "0"}', True, False),
        (201, "", True, False),
        (200, "not json", True, False),
        (200, '{"error_code": -1, "message": "Thiếu MaHoSo"}', False, True),
        (200, '{"error_code": "3", "message": "Hồ sơ đã tồn tại"}', False, True),
        (400, '{"fields": {}}', False, True),
        (404, "", False, True),
        (408, "", False, False),
        (429, "", False, False),
        (500, "", False, False),
        (503, "", False, False),
    ],
)
def test_judge_reads_the_answer(status: int, body: str, ok: bool, permanent: bool) -> None:
    outcome = judge(status, body)
    assert (outcome.ok, outcome.permanent, outcome.status_code) == (ok, permanent, status)
    assert bool(outcome.error) == (not ok)
