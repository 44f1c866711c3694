"""Vietnamese display of moments and money on forms and messages: ``14:30 27/10/2023``, ``1.250.000 đ``."""

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


def vn_money(amount: int | None) -> str:
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " đ"
