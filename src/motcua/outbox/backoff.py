"""When to try again: exponential backoff with jitter (pure; the random source is an input)."""

from __future__ import annotations

import random
from collections.abc import Callable


def delay_seconds(attempts: int, *, base: float, cap: float, draw: Callable[[], float] = random.random) -> float:
    """Delay after the ``attempts``-th failed attempt: ``base`` doubled per attempt up to ``cap``, then
    "equal jitter": half of it fixed, half random, so retries of many messages failing together (a
    receiver outage) spread out instead of arriving in waves, and no retry comes at once."""
    exponent = max(0, attempts - 1)
    ceiling = min(cap, base * (2 ** min(exponent, 32)))
    return ceiling / 2 + draw() * ceiling / 2
