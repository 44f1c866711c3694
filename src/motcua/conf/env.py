"""Environment-driven configuration, each setting declared exactly once.

Every setting read from the environment goes through :func:`config`, which records
its name, default, type and help text in :data:`REGISTRY`. ``manage.py
configuration_docs`` renders the registry to ``docs/configuration.md`` and a test
fails when the committed file is stale, so the operator documentation cannot drift
from the code.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
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


MIN_SECRET_KEY_LENGTH = 50


def unsafe_production_settings(values: Mapping[str, Any]) -> list[str]:
    """What makes these settings unfit for production: debug pages, and every secret still at its
    published default (anyone could sign sessions or confirm sandbox payments with it)."""
    problems = []
    if values.get("DEBUG"):
        problems.append("DEBUG must be off when MOTCUA_PRODUCTION is on.")
    key = str(values.get("SECRET_KEY", ""))
    if len(key) < MIN_SECRET_KEY_LENGTH or key == REGISTRY["SECRET_KEY"].default:
        problems.append(
            f"Set SECRET_KEY to a random value of at least {MIN_SECRET_KEY_LENGTH} characters in production."
        )
    for declared in REGISTRY.values():
        if declared.name == "SECRET_KEY" or not (declared.secret and declared.default):
            continue
        if values.get(declared.name) == declared.default:
            problems.append(f"{declared.name} still has its published default value: set a long random value.")
    return problems
