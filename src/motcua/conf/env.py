"""Environment-driven configuration, each setting declared exactly once.

Every setting read from the environment goes through :func:`config`, which records
its name, default, type and help text in :data:`REGISTRY`. ``manage.py
configuration_docs`` renders the registry to ``docs/configuration.md`` and a test
fails when the committed file is stale, so the operator documentation cannot drift
from the code.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Declared:
    name: str
    default: Any
    help_text: str
    group: str
    secret: bool = False


REGISTRY: dict[str, Declared] = {}


def _to_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {raw!r}")


def _to_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


CASTS: dict[type, Callable[[str], Any]] = {bool: _to_bool, int: int, list: _to_list, str: str}


def config(name: str, default: Any, *, help_text: str, group: str, secret: bool = False) -> Any:
    """Read ``name`` from the environment, cast to the type of ``default``."""
    REGISTRY[name] = Declared(name, default, help_text, group, secret)
    raw = os.environ.get(name)
    if raw is None:
        return default
    cast = CASTS[type(default)] if default is not None else str
    try:
        return cast(raw)
    except ValueError as exc:
        raise RuntimeError(f"Environment variable {name} is invalid: {exc}") from exc
