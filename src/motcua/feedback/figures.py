"""Counts for the operations centre and the Decision 766 feedback sub-indicators.

``figures(start, end, by=...)`` gives, for items received in ``[start, end)``, per agency (or category,
or commune): received, answered, answered on time, answered late, still open and already late, rated and
satisfied, with the two rates 766 scores (on-time answers, satisfaction with answers).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q

from motcua.feedback.constants import ANSWERED, AT_AGENCY, AT_COORDINATOR, Status
from motcua.feedback.models import FeedbackItem

GROUPS = {
    "agency": ("handling_agency_id", "handling_agency__name"),
    "category": ("category__code", "category__name"),
    "unit": ("unit__code", "unit__name"),
}


@dataclass(frozen=True)
class FeedbackFigures:
    key: int | str | None
    name: str
    received: int
    answered: int
    answered_on_time: int
    answered_late: int
    open_late: int
    rated: int
    satisfied: int

    @property
    def on_time_rate(self) -> Decimal | None:
        """Share of answered items answered by their deadline, in percent."""
        return _percent(self.answered_on_time, self.answered)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return _percent(self.satisfied, self.rated)


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def figures(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    by: str = "agency",
    now: datetime.datetime,
    agency_ids: list[int] | None = None,
) -> list[FeedbackFigures]:
    """One row per agency (category, commune) with items received in ``[start, end)``; merged and
    rejected items are not counted (they were never the agency's to answer)."""
    key, name = GROUPS[by]
    items = FeedbackItem.objects.filter(received_at__gte=start, received_at__lt=end).exclude(
        status__in=(Status.MERGED, Status.REJECTED)
    )
    if agency_ids is not None:
        items = items.filter(handling_agency_id__in=agency_ids)
    answered = Q(status__in=ANSWERED) | Q(answered_at__isnull=False, status__in=AT_AGENCY)
    rows = (
        items.values(key, name)
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=answered),
            on_time=Count("pk", filter=answered & Q(answered_at__lte=F("due_at"))),
            late=Count("pk", filter=answered & Q(answered_at__gt=F("due_at"))),
            open_late=Count(
                "pk", filter=Q(status__in=AT_AGENCY | AT_COORDINATOR, answered_at__isnull=True, due_at__lt=now)
            ),
            rated=Count("pk", filter=Q(satisfied__isnull=False)),
            satisfied=Count("pk", filter=Q(satisfied=True)),
        )
        .order_by(name)
    )
    return [
        FeedbackFigures(
            key=row[key],
            name=row[name] or "Chưa phân công",
            received=row["received"],
            answered=row["answered"],
            answered_on_time=row["on_time"],
            answered_late=row["late"],
            open_late=row["open_late"],
            rated=row["rated"],
            satisfied=row["satisfied"],
        )
        for row in rows
    ]
