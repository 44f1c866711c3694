"""The slot the citizen-feedback capability (phản ánh, kiến nghị) fills with its figures.

The operations centre does not know how feedback is stored. A feedback app registers one provider at
start-up (``register(provider)`` in its ``AppConfig.ready``); until one is registered every feedback
figure reads "chưa có dữ liệu" and the Decision 766 sub-indicators that need it score nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class FeedbackFigures:
    """Feedback about the agencies in scope, received or handled in the period."""

    received: int
    handled: int
    handled_on_time: int
    rated: int  # citizens who rated the handling
    rated_satisfied: int
    complaints_about_dossiers: int  # feedback tied to a dossier (counts against MDHL)

    def index_inputs(self) -> dict[str, tuple[int, int]]:
        """(numerator, denominator) per Decision 766 feedback sub-indicator."""
        return {"on_time": (self.handled_on_time, self.handled), "satisfaction": (self.rated_satisfied, self.rated)}


class FeedbackProvider(Protocol):
    def figures(self, agency_ids: Collection[int] | None, start: datetime, end: datetime) -> FeedbackFigures:
        """Figures for these agencies (``None``: the whole province) over [start, end)."""
        ...


_providers: list[FeedbackProvider] = []


def register(provider: FeedbackProvider) -> None:
    """Install the provider (one per process; registering again replaces it)."""
    _providers[:] = [provider]


def unregister() -> None:
    _providers.clear()


def figures_for(agency_ids: Collection[int] | None, start: datetime, end: datetime) -> FeedbackFigures | None:
    """The registered provider's figures, or ``None`` ("chưa có dữ liệu") when no provider is registered."""
    if not _providers:
        return None
    return _providers[0].figures(agency_ids, start, end)
