"""Reporting periods (kỳ báo cáo): month, quarter, year or custom days, in Vietnam's time zone.

Pure functions: the period is read from its parameters, never from the clock; "the current month"
is resolved by the caller from ``now``. A period is half-open, [start, end), in local time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from motcua.workdays.constants import VIETNAM_TZ

KINDS = ("month", "quarter", "year", "custom")
# A custom period longer than this would be a multi-year scan; the yearly view covers it.
MAX_CUSTOM_DAYS = 731


class PeriodError(ValueError):
    """A period that cannot be read; ``field`` names the parameter, ``message`` is Vietnamese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: date
    last_day: date  # inclusive

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=VIETNAM_TZ)

    @property
    def end(self) -> datetime:
        """Exclusive end: midnight after the last day."""
        return datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"Tháng {self.first_day.month:02d}/{self.first_day.year}"
        if self.kind == "quarter":
            return f"Quý {(self.first_day.month - 1) // 3 + 1}/{self.first_day.year}"
        if self.kind == "year":
            return f"Năm {self.first_day.year}"
        return f"{self.first_day:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"

    def query(self) -> dict[str, str]:
        """The query-string parameters that name this period (links and drill-downs keep it)."""
        if self.kind == "custom":
            return {"period": "custom", "from": self.first_day.isoformat(), "to": self.last_day.isoformat()}
        params = {"period": self.kind, "year": str(self.first_day.year)}
        if self.kind == "month":
            params["month"] = str(self.first_day.month)
        if self.kind == "quarter":
            params["quarter"] = str((self.first_day.month - 1) // 3 + 1)
        return params

    def previous(self) -> Period:
        """The period of the same kind just before (a custom period: the same number of days before)."""
        if self.kind == "month":
            day = self.first_day - timedelta(days=1)
            return month(day.year, day.month)
        if self.kind == "quarter":
            day = self.first_day - timedelta(days=1)
            return quarter(day.year, (day.month - 1) // 3 + 1)
        if self.kind == "year":
            return year(self.first_day.year - 1)
        length = (self.last_day - self.first_day).days + 1
        return Period("custom", self.first_day - timedelta(days=length), self.first_day - timedelta(days=1))


def month(y: int, m: int) -> Period:
    first = date(y, m, 1)
    nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return Period("month", first, nxt - timedelta(days=1))


def quarter(y: int, q: int) -> Period:
    first = date(y, 3 * (q - 1) + 1, 1)
    nxt = date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)
    return Period("quarter", first, nxt - timedelta(days=1))


def year(y: int) -> Period:
    return Period("year", date(y, 1, 1), date(y, 12, 31))


def _int(params: Mapping[str, str], name: str, low: int, high: int, default: int) -> int:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise PeriodError(name, f"Giá trị “{name}” phải là số từ {low} đến {high}.")
    return int(raw)


def _day(params: Mapping[str, str], name: str) -> date:
    raw = (params.get(name) or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise PeriodError(name, "Ngày không hợp lệ (dd/mm/yyyy).")


def parse(params: Mapping[str, str], *, today: date) -> Period:
    """The period named by ``period=month|quarter|year|custom`` and its parts; the current month by default."""
    kind = (params.get("period") or "month").strip()
    if kind not in KINDS:
        raise PeriodError("period", "Kỳ báo cáo phải là tháng, quý, năm hoặc tùy chọn.")
    if kind == "custom":
        first, last = _day(params, "from"), _day(params, "to")
        if last < first:
            raise PeriodError("to", "“Đến ngày” phải sau “từ ngày”.")
        if (last - first).days >= MAX_CUSTOM_DAYS:
            raise PeriodError("to", f"Kỳ tùy chọn dài tối đa {MAX_CUSTOM_DAYS} ngày.")
        return Period("custom", first, last)
    y = _int(params, "year", 2000, 2100, today.year)
    if kind == "year":
        return year(y)
    if kind == "quarter":
        return quarter(y, _int(params, "quarter", 1, 4, (today.month - 1) // 3 + 1))
    return month(y, _int(params, "month", 1, 12, today.month))
