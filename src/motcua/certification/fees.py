"""The certification fee of a copy: pure.

The rule the catalogue states for procedure 2.000815 (Circular 226/2016/TT-BTC): the published rate per
page for the first two pages of the original, half of it (1.000 đồng) from the third page, at most
200.000 đồng per copy. The rate is the catalogue's published row; without one the fee is not charged here
(the unit collects it as its fee table says).
"""

from __future__ import annotations

CERTIFICATION_PROCEDURE = "2.000815"  # Chứng thực bản sao từ bản chính (national procedure code)
FEE_ROW_WORD = "chứng thực bản sao"  # the row of that procedure's fee table that prices a copy
FULL_RATE_PAGES = 2
LATER_PAGE_RATE = 1_000
CAP_PER_COPY = 200_000


def copy_fee(pages: int, *, first_pages_rate: int) -> int:
    """``copy_fee(3, first_pages_rate=2000) == 5000``; never more than 200.000 đồng."""
    if pages < 1 or first_pages_rate <= 0:
        return 0
    full = min(pages, FULL_RATE_PAGES) * first_pages_rate
    later = max(pages - FULL_RATE_PAGES, 0) * min(LATER_PAGE_RATE, first_pages_rate)
    return min(full + later, CAP_PER_COPY)
