"""Per-process caches behind one registry, emptied together by ``clear_all()``.

A few reads are kept in each process because they never change once written (a version's fees and
steps), are costly to compute (lunar holidays, the working calendar) or are pure (search word
matching). Each such cache is declared with ``@process_cache(maxsize=...)`` (a ``functools.lru_cache``
that the registry knows) or, when it is not a function's results, registered with ``register(name,
clear)``. Whoever must start afresh (the test fixtures, after each test) calls ``clear_all()`` and
need not know which caches exist; ``core/tests/test_caches.py`` refuses an ``lru_cache`` outside this module.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class CacheRegistry:
    """Named caches and how to empty each one."""

    def __init__(self) -> None:
        self._clearers: dict[str, Callable[[], None]] = {}
        self._owners: dict[str, str] = {}

    def register(self, name: str, clear: Callable[[], None], *, owner: str | None = None) -> None:
        """Record a cache under ``name``; ``clear()`` empties it.

        A name belongs to one cache: registering it again from the same owner (a module imported
        again) replaces the entry, from another owner is a mistake that would leave one cache stale.
        """
        owner = owner or name
        known = self._owners.get(name)
        if known is not None and known != owner:
            raise ValueError(f"Cache name {name!r} is already used by {known}.")
        self._clearers[name] = clear
        self._owners[name] = owner

    def process_cache(
        self, maxsize: int | None = 128, *, name: str | None = None
    ) -> Callable[[Callable[P, T]], Callable[P, T]]:
        """``functools.lru_cache(maxsize)``, registered under ``name`` (default: module.qualname).

        The arguments of the decorated function must be hashable, as for ``lru_cache``.
        """

        def decorate(function: Callable[P, T]) -> Callable[P, T]:
            cached = functools.lru_cache(maxsize=maxsize)(function)
            owner = f"{function.__module__}.{function.__qualname__}"
            self.register(name or owner, cached.cache_clear, owner=owner)
            return cached  # type: ignore[return-value]  # the lru wrapper calls through with the same signature

        return decorate

    def names(self) -> list[str]:
        return sorted(self._clearers)

    def clear_all(self) -> None:
        """Empty every registered cache of this process."""
        for clear in self._clearers.values():
            clear()


_registry = CacheRegistry()

register = _registry.register
process_cache = _registry.process_cache
clear_all = _registry.clear_all
registered_names = _registry.names
