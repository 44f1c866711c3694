"""Dossier codes (mã số hồ sơ): receiving agency identifier + '-' + YYMMDD + '-' + daily sequence.

Example ``000.00.06.H56-231027-0361`` (Circular 01/2018 Art. 19, kept by Circular 03/2025 Art. 13).
The sequence restarts every day per receiving agency and is padded to ``DOSSIER_CODE_SEQUENCE_WIDTH``
digits (at least 4; it grows past the width rather than wrapping).

Uniqueness under concurrent intake: one counter row per (agency, day), created or incremented by
one upsert inside the caller's transaction, which keeps the row locked until commit, so two
intakes serialise on that row only, and only from the moment the number is drawn (the services
draw it last) to the commit.
On SQLite the whole database is locked by the write transaction (``transaction_mode =
IMMEDIATE`` in the settings), which gives the same guarantee.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction

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
    """Reserve the next number of ``agency`` for ``day``. Must run inside a transaction.

    One statement creates the day's counter or increments it and returns the new value; the
    row it writes stays locked until the caller's transaction ends (both databases support
    ``INSERT … ON CONFLICT DO UPDATE … RETURNING``: PostgreSQL, SQLite 3.35 and later).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_sequence must run inside transaction.atomic()")
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    sql = (
        f"INSERT INTO {table} (agency_id, day, last_value) VALUES (%s, %s, 1) "  # noqa: S608 - table name from the model
        f"ON CONFLICT (agency_id, day) DO UPDATE SET last_value = {table}.last_value + 1 RETURNING last_value"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency.pk, day])
        row = cursor.fetchone()
    return int(row[0])


def new_code(agency: Agency, moment: datetime) -> str:
    """A fresh code for a dossier received by ``agency`` at ``moment`` (local date of the province)."""
    day = moment.astimezone(VIETNAM_TZ).date()
    return format_code(agency.identifier_code, day, next_sequence(agency, day))
