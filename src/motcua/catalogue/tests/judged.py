"""The judged query set (judged_queries.json) and its measures: precision at 1, recall at 5.

Each query lists the national code(s) of the procedure meant (two when the same procedure is published
for two levels). Precision at 1: the share of queries whose first result is one of them; recall at 5:
the share whose first five results hold one of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

QUERIES = Path(__file__).with_name("judged_queries.json")


@dataclass(frozen=True)
class Judged:
    query: str
    expected: frozenset[str]


@dataclass
class Measures:
    total: int = 0
    first: int = 0
    in_five: int = 0
    misses: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # (query, expected, top five)

    @property
    def precision_at_1(self) -> float:
        return self.first / self.total if self.total else 0.0

    @property
    def recall_at_5(self) -> float:
        return self.in_five / self.total if self.total else 0.0


def judged_queries() -> list[Judged]:
    rows = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    return [Judged(row["q"], frozenset(row["expected"])) for row in rows]


def measure(search: Callable[[str], Sequence[str]], queries: list[Judged] | None = None) -> Measures:
    """``search`` gives the codes found for a query, best first."""
    result = Measures()
    for judged in queries or judged_queries():
        top = list(search(judged.query))[:5]
        result.total += 1
        result.first += bool(top) and top[0] in judged.expected
        result.in_five += bool(judged.expected & set(top))
        if not top or top[0] not in judged.expected:
            result.misses.append((judged.query, sorted(judged.expected), top))
    return result
