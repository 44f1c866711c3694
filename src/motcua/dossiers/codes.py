"""Dossier codes (mã số hồ sơ): receiving agency identifier + '-' + YYMMDD + '-' + daily sequence.

Example ``000.00.06.H56-231027-0361`` (Circular 01/2018 Art. 19, kept by Circular 03/2025 Art. 13).
The sequence restarts every day per receiving agency and is padded to ``DOSSIER_CODE_SEQUENCE_WIDTH``
digits (at least 4; it grows past the width rather than wrapping).

Uniqueness under concurrent intake: one counter row per (agency, day), incremented with
``SELECT … FOR UPDATE`` inside the caller's transaction, so two intakes serialise on that row
only, and only from the moment the number is drawn (the services draw it last) to the commit.
On SQLite the whole database is locked by the write transaction (``transaction_mode =
IMMEDIATE`` in the settings), which gives the same guarantee.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from motcua.dossiers.models import DossierCodeCounter
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ

# Marks the code of a dossier being registered, replaced before the transaction commits.
PROVISIONAL_PREFIX = "~"
CODE_RE = re.compile(r"^(?P<agency>[0-9A-Z.]{1,35})-(?P<day>\d{6})-(?P<seq>\d{4,})$")


def format_code(agency_identifier: str, day: date, sequence: int, width: int | None = None) -> str:
    width = max(4, width or settings.DOSSIER_CODE_SEQUENCE_WIDTH)
    return f"{agency_identifier}-{day:%y%m%d}-{sequence:0{width}d}"


def looks_like_code(value: str) -> bool:
    return bool(CODE_RE.match(value))


def next_sequence(agency: Agency, day: date) -> int:
    """Reserve the next number of ``agency`` for ``day``. Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_sequence must run inside transaction.atomic()")
    counter = DossierCodeCounter.objects.select_for_update().filter(agency=agency, day=day).first()
    if counter is None:
        try:
            # A savepoint: if another transaction created the row first, retry on its row.
            with transaction.atomic():
                DossierCodeCounter.objects.create(agency=agency, day=day, last_value=1)
            return 1
        except IntegrityError:
            counter = DossierCodeCounter.objects.select_for_update().get(agency=agency, day=day)
    # The row is locked until commit: reading and writing it back is safe.
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def new_code(agency: Agency, moment: datetime) -> str:
    """A fresh code for a dossier received by ``agency`` at ``moment`` (local date of the province)."""
    day = moment.astimezone(VIETNAM_TZ).date()
    return format_code(agency.identifier_code, day, next_sequence(agency, day))
