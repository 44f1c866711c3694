"""Who may read applicants' personal data, and the record of privileged reads.

Personal data (names, identity numbers, addresses, phones, e-mails, scans) is for the officials who
process dossiers: the roles in ``PROCESSING_ROLES``. System administrators and catalogue managers
run the platform and have no processing rights, so they do not see it (Decree 13/2023: only those
who need it). A superuser may still open it for a support case; every such read is recorded as an
account event (who, what, when) that the province's data protection officer can review.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.accounts import roles
from motcua.accounts.models import AccountEvent, Applicant, User

PROCESSING_ROLES: frozenset[str] = frozenset(roles.DOSSIER_ROLES)
PERSONAL_DATA_VIEWED = "personal_data_viewed"


def is_privileged_reader(user: Any) -> bool:
    """A superuser: reads outside the processing roles, so each read is recorded."""
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


@transaction.atomic
def record_personal_data_view(
    actor: Any,
    *,
    what: str,
    reference: str = "",
    applicant: Applicant | None = None,
    user: User | None = None,
    channel: str = "",
) -> AccountEvent:
    """Record that ``actor`` read personal data: ``what`` (e.g. ``dossier``, ``applicant``, ``account``)
    identified by ``reference``, through ``channel`` (admin, back office, API)."""
    return AccountEvent.objects.create(
        action=PERSONAL_DATA_VIEWED,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        applicant=applicant,
        user=user,
        occurred_at=timezone.now(),
        data={"what": what, "reference": reference, "channel": channel},
    )
