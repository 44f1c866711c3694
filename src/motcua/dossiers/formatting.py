"""Vietnamese display of moments and money on forms and messages: ``14:30 27/10/2023``, ``1.250.000 đ``,
and the date line of official documents: ``ngày 05 tháng 3 năm 2026``."""

from __future__ import annotations

from datetime import date, datetime

from motcua.workdays.constants import VIETNAM_TZ


def vn_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(VIETNAM_TZ).strftime("%H:%M %d/%m/%Y")


def vn_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(VIETNAM_TZ).date()
    return value.strftime("%d/%m/%Y")


def official_date(value: date | datetime | None) -> str:
    """The date of an official document as Decree 30/2020 writes it: ``ngày 05 tháng 3 năm 2026``.

    Days below 10 and months below 3 take a leading zero (Appendix I of the decree), so that
    nobody can add a digit in front of them; other months are written as they are.
    """
    if value is None:
        return "ngày ... tháng ... năm ..."
    if isinstance(value, datetime):
        value = value.astimezone(VIETNAM_TZ).date()
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def vn_money(amount: int | None) -> str:
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " đ"
