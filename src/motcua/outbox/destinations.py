"""Where messages go: one entry per destination in ``settings.OUTBOX_DESTINATIONS``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Destination:
    name: str
    url: str
    max_attempts: int
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        return bool(self.url)


def get(name: str) -> Destination | None:
    """The destination called ``name``, or None when the settings do not name it."""
    entry = settings.OUTBOX_DESTINATIONS.get(name)
    if entry is None:
        return None
    return Destination(
        name=name,
        url=str(entry.get("url", "")),
        max_attempts=max(1, int(entry.get("max_attempts", 10))),
        headers=dict(entry.get("headers", {})),
    )


def is_configured(name: str) -> bool:
    destination = get(name)
    return destination is not None and destination.configured
