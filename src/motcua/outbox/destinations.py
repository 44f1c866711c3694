"""Where messages go: one entry per destination in ``settings.OUTBOX_DESTINATIONS``, or a family of
destinations named ``<prefix>:<id>`` resolved by the app that owns them (``register``: the partners'
webhook subscriptions, ``webhook:<id>``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Destination:
    name: str
    url: str
    max_attempts: int
    headers: dict[str, str] = field(default_factory=dict)
    # Headers computed from the body at each sending (a signature with its timestamp).
    signer: Callable[[bytes], dict[str, str]] | None = None

    @property
    def configured(self) -> bool:
        return bool(self.url)


Resolver = Callable[[str], "Destination | None"]
_resolvers: dict[str, Resolver] = {}


def register(prefix: str, resolver: Resolver) -> None:
    """Let an app resolve the destinations ``<prefix>:<id>`` (called from its ``AppConfig.ready``)."""
    _resolvers[prefix] = resolver


def get(name: str) -> Destination | None:
    """The destination called ``name``, or None when nothing names it."""
    entry = settings.OUTBOX_DESTINATIONS.get(name)
    if entry is None:
        prefix, _, ident = name.partition(":")
        resolver = _resolvers.get(prefix) if ident else None
        return resolver(ident) if resolver else None
    return Destination(
        name=name,
        url=str(entry.get("url", "")),
        max_attempts=max(1, int(entry.get("max_attempts", 10))),
        headers=dict(entry.get("headers", {})),
    )


def is_configured(name: str) -> bool:
    destination = get(name)
    return destination is not None and destination.configured
