"""Demo data for the working calendar: the 2026 day swap made explicit. Idempotent."""

from __future__ import annotations

from datetime import date
from typing import TextIO

from motcua.workdays import services
from motcua.workdays.models import CalendarOverride, OverrideKind

WORKED_SATURDAY = date(2026, 8, 22)


def load(stdout: TextIO) -> None:
    # The library already treats 22/8/2026 as worked; recording it in the table shows the
    # administrators where such swaps live and keeps it if a library update drops it.
    if CalendarOverride.objects.filter(date=WORKED_SATURDAY, administrative_unit=None).exists():
        stdout.write("Lịch làm việc: đã có ngày làm việc bù 22/08/2026.\n")
        return
    services.add_override(
        actor=None,
        day=WORKED_SATURDAY,
        kind=OverrideKind.WORKING_DAY,
        name="Làm việc bù cho ngày 31/08/2026",
        reason="Hoán đổi ngày làm việc dịp Quốc khánh 2026 (nghỉ thứ Hai 31/08, làm bù thứ Bảy 22/08).",
    )
    stdout.write("Lịch làm việc: đã thêm ngày làm việc bù 22/08/2026.\n")
