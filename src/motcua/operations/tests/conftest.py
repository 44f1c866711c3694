"""Dossiers for the read side: one received through the services, then varied copies of its row.

The copies are written directly (as the benchmark generator does) because the figures only read rows;
what they test is that every counter equals a recount in Python over the same rows. Written behind the
services' back, they are then counted into the maintained aggregates by a rebuild (as ``load_demo`` does).
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest

from motcua.dossiers.constants import Channel, PaymentMethod, ReturnMethod, Satisfaction, Status
from motcua.dossiers.models import Dossier, Rating
from motcua.dossiers.tests.conftest import MONDAY_9AM, _calendar_and_sms, build_world, frozen, world
from motcua.dossiers.tests.helpers import receive
from motcua.operations import facts

STATUSES = [
    Status.REFUSED_AT_INTAKE,
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.WITHDRAWN,
    Status.RETURNED,
    Status.RESOLVED,
]


def varied_copies(template: Dossier, count: int, *, agencies: list[Any], seed: int = 7) -> list[Dossier]:
    """``count`` copies over the 120 days before Monday 2 March 2026, with a random mix of fields."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        submitted = MONDAY_9AM - timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 6))
        status = rng.choice(STATUSES)
        accepted = None if status in (Status.REFUSED_AT_INTAKE,) else submitted + timedelta(hours=1)
        due = accepted + timedelta(days=rng.randint(3, 30)) if accepted else None
        resolved = returned = None
        timing = ""
        if status in (Status.RESOLVED, Status.RETURNED) and accepted:
            resolved = accepted + timedelta(days=rng.randint(1, 40))  # some long after, some late
            resolved = min(resolved, MONDAY_9AM - timedelta(minutes=5))
            timing = "late" if due and resolved > due else rng.choice(["early", "on_time"])
            returned = resolved + timedelta(hours=2) if status == Status.RETURNED else None
        agency = rng.choice(agencies)
        fee = rng.choice([0, 0, 50_000])
        rows.append(
            Dossier(
                code=f"OPS-{seed}-{n:05d}",
                reference=uuid.uuid4(),
                status=status,
                procedure_id=template.procedure_id,
                procedure_version_id=template.procedure_version_id,
                applicant_id=template.applicant_id,
                applicant_name=template.applicant_name,
                channel=rng.choice(Channel.values),
                receiving_agency_id=template.receiving_agency_id,
                competent_agency_id=agency.pk,
                created_at=submitted,
                submitted_at=submitted,
                accepted_at=accepted,
                clock_started_at=accepted,
                due_at=due,
                time_value=template.time_value,
                time_unit=template.time_unit,
                resolved_at=resolved,
                timing=timing,
                returned_at=returned,
                return_method=rng.choice(ReturnMethod.values) if returned else "",
                extended_at=accepted + timedelta(days=2) if accepted and rng.random() < 0.1 else None,
                fee_total_vnd=fee,
                payment_method=rng.choice([PaymentMethod.ONLINE, PaymentMethod.CASH]) if fee else PaymentMethod.NONE,
                fees_paid=bool(fee) and rng.random() < 0.8,
                has_digitised_components=rng.random() < 0.6,
                has_reused_components=rng.random() < 0.2,
            )
        )
    made = Dossier.objects.bulk_create(rows)
    ratings = [
        Rating(
            dossier=d,
            satisfaction=rng.choice(Satisfaction.values),
            comment=rng.choice(["", "Nhanh, chu đáo"]),
            rated_at=d.returned_at + timedelta(hours=1),
        )
        for d in made
        if d.returned_at and rng.random() < 0.5 and d.returned_at + timedelta(hours=1) < MONDAY_9AM
    ]
    Rating.objects.bulk_create(ratings)
    facts.rebuild()  # rows written in bulk bypass the services that keep the aggregates
    return made


@pytest.fixture
def generated(world: Any) -> dict[str, Any]:
    template = receive(world)
    made = varied_copies(template, 300, agencies=[world.department, world.commune])
    return {"world": world, "template": template, "made": made}


def at(day: int) -> datetime:
    return MONDAY_9AM - timedelta(days=day)


__all__ = ["_calendar_and_sms", "at", "build_world", "frozen", "world"]
