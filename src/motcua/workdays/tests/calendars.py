"""Hand-written calendars for the clock tests: the official 2025–2027 days off, no library involved."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from motcua.workdays.clock import WorkingCalendar

DAYS_OFF_2026 = {
    date(2026, 1, 1): "Tết Dương lịch",
    date(2026, 2, 16): "Giao thừa Tết Nguyên Đán",
    date(2026, 2, 17): "Tết Nguyên Đán",
    date(2026, 2, 18): "Mùng hai Tết Nguyên Đán",
    date(2026, 2, 19): "Mùng ba Tết Nguyên Đán",
    date(2026, 2, 20): "Mùng bốn Tết Nguyên Đán",
    date(2026, 4, 26): "Ngày Giỗ Tổ Hùng Vương",
    date(2026, 4, 27): "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
    date(2026, 4, 30): "Ngày Chiến thắng",
    date(2026, 5, 1): "Ngày Quốc tế Lao động",
    date(2026, 8, 31): "Ngày nghỉ (thay cho ngày 22/08/2026)",
    date(2026, 9, 1): "Quốc khánh",
    date(2026, 9, 2): "Quốc khánh",
}
DAYS_OFF_2027_START = {date(2027, 1, 1): "Tết Dương lịch"}
DAYS_OFF_2025_END = {date(2025, 9, 1): "Quốc khánh", date(2025, 9, 2): "Quốc khánh"}

VN_2026 = WorkingCalendar(
    days_off=MappingProxyType({**DAYS_OFF_2025_END, **DAYS_OFF_2026, **DAYS_OFF_2027_START}),
    extra_working_days=frozenset({date(2026, 8, 22)}),
)
