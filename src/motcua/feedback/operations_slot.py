"""Feedback's figures in the operations centre: the provider its slot (``operations.feedback``) waits for.

Registered once per process by ``FeedbackConfig.ready``. Counted like ``figures.figures``: the items
received in the period, without merged or rejected ones (never an agency's to answer).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.db.models import Count, F, Q

from motcua.feedback.constants import ANSWERED, AT_AGENCY, Status
from motcua.feedback.models import FeedbackItem
from motcua.operations.feedback import FeedbackFigures


class FeedbackCounts:
    """The operations centre's ``FeedbackProvider``: one aggregate query per call."""

    def figures(self, agency_ids: Collection[int] | None, start: datetime, end: datetime) -> FeedbackFigures:
        items = FeedbackItem.objects.filter(received_at__gte=start, received_at__lt=end).exclude(
            status__in=(Status.MERGED, Status.REJECTED)
        )
        if agency_ids is not None:
            items = items.filter(handling_agency_id__in=list(agency_ids))
        answered = Q(status__in=ANSWERED) | Q(answered_at__isnull=False, status__in=AT_AGENCY)
        row = items.aggregate(
            received=Count("pk"),
            handled=Count("pk", filter=answered),
            on_time=Count("pk", filter=answered & Q(answered_at__lte=F("due_at"))),
            rated=Count("pk", filter=Q(satisfied__isnull=False)),
            satisfied=Count("pk", filter=Q(satisfied=True)),
            about_dossiers=Count("pk", filter=Q(dossier__isnull=False)),
        )
        return FeedbackFigures(
            received=row["received"],
            handled=row["handled"],
            handled_on_time=row["on_time"],
            rated=row["rated"],
            rated_satisfied=row["satisfied"],
            complaints_about_dossiers=row["about_dossiers"],
        )
