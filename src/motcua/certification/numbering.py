"""The certification register's numbers: per unit and year, from 01 on 1 January, never a gap.

The printed form follows the certification texts of Circular 01/2020/TT-BTP: "Số chứng thực: 05, quyển số
01/2026-SCT/BS" (SCT/BS: sổ chứng thực bản sao từ bản chính). One electronic book per unit and year.
Zero-padding below 10 as for official documents (``records.numbering``).
"""

from __future__ import annotations

from django.db import transaction

from motcua.certification.models import CertificationYear
from motcua.organisations.models import Agency
from motcua.records.numbering import number_text

BOOK_SUFFIX = "SCT/BS"


def book_label(year: int, book: int = 1) -> str:
    """``book_label(2026) == "01/2026-SCT/BS"``."""
    return f"{book:02d}/{year}-{BOOK_SUFFIX}"


def certification_text(number: int, year: int) -> str:
    return f"Số chứng thực: {number_text(number)}, quyển số {book_label(year)}"


def next_number(agency: Agency, year: int) -> int:
    """The unit's next number in ``year``: the counter row stays locked until the transaction commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the issuing transaction")
    CertificationYear.objects.get_or_create(agency=agency, year=year)
    counter = CertificationYear.objects.select_for_update().get(agency=agency, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number
