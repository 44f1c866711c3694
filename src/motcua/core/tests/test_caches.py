"""The registry of per-process caches: one ``clear_all()`` empties every cache, none is kept outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from motcua.core import caches
from motcua.core.caches import CacheRegistry

SRC = Path(caches.__file__).resolve().parents[1]


def test_a_registered_function_is_cached_until_clear_all() -> None:
    registry = CacheRegistry()
    calls: list[int] = []

    @registry.process_cache(maxsize=8)
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    assert (square(3), square(3), square(4)) == (9, 9, 16)
    assert calls == [3, 4]
    registry.clear_all()
    assert square(3) == 9
    assert calls == [3, 4, 3]


def test_maxsize_bounds_the_cache() -> None:
    registry = CacheRegistry()
    calls: list[int] = []

    @registry.process_cache(maxsize=1)
    def double(n: int) -> int:
        calls.append(n)
        return 2 * n

    double(1), double(2), double(1)
    assert calls == [1, 2, 1]


def test_clear_all_calls_every_registered_clear() -> None:
    registry = CacheRegistry()
    cleared: list[str] = []
    registry.register("first", lambda: cleared.append("first"))
    registry.register("second", lambda: cleared.append("second"))

    @registry.process_cache(name="third")
    def constant() -> int:
        return 1

    assert registry.names() == ["first", "second", "third"]
    registry.clear_all()
    assert sorted(cleared) == ["first", "second"]


def test_default_name_is_the_function_path_and_a_name_belongs_to_one_cache() -> None:
    registry = CacheRegistry()

    @registry.process_cache()
    def lookup(key: str) -> str:
        return key

    assert registry.names() == [f"{__name__}.{lookup.__qualname__}"]
    registry.register("shared", lambda: None, owner="one module")
    registry.register("shared", lambda: None, owner="one module")  # the same module imported again
    with pytest.raises(ValueError, match="shared"):
        registry.register("shared", lambda: None, owner="another module")


def test_the_product_caches_are_registered_and_emptied_by_clear_all() -> None:
    from motcua.catalogue import search
    from motcua.workdays import library

    names = caches.registered_names()
    for expected in (
        "motcua.workdays.selectors._merge",
        "motcua.workdays.selectors._assemble",
        "motcua.workdays.library._library_days",
        "motcua.catalogue.selectors.process_template",
        "motcua.catalogue.selectors.fee_items",
        "motcua.catalogue.search._same_word",
        "motcua.catalogue.search.vocabulary",
    ):
        assert expected in names
    library.library_days([2026])
    assert library._library_days.cache_info().currsize == 1
    search._loaded = (None, search.Vocabulary.of([]))
    caches.clear_all()
    assert library._library_days.cache_info().currsize == 0
    assert search._loaded is None


LRU_CACHE = re.compile(r"\blru_cache\b|functools\.cache\b|from functools import .*\bcache\b|@cache\b")


def test_no_per_process_cache_outside_the_registry() -> None:
    """A plain ``lru_cache`` would survive ``clear_all()``: declare it with ``process_cache`` instead."""
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts and path.name != "caches.py" and LRU_CACHE.search(path.read_text())
    ]
    assert offenders == []
