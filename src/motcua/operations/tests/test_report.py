"""The periodic report: every cell equals a recount in Python, rows add up, periods chain, exports."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import MONDAY_9AM
from motcua.operations import periods
from motcua.operations.figures import Window
from motcua.operations.report import KEYS, report
from motcua.operations.report_export import report_pdf, report_xlsx
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters

pytestmark = pytest.mark.django_db
PROVINCE = OpsScope(None, "Toàn tỉnh")


def window_of(period: periods.Period) -> Window:
    return Window(period.start, period.end, MONDAY_9AM)


def _finished_before(d: Dossier, moment: datetime) -> bool:
    if d.resolved_at is not None:
        return d.resolved_at < moment
    if d.status in (Status.WITHDRAWN, Status.STOPPED):
        return d.closed_at is None or d.closed_at < moment
    return False


def _open_at(d: Dossier, moment: datetime) -> bool:
    return d.accepted_at is not None and d.accepted_at < moment and not _finished_before(d, moment)


def _recount(rows: list[Dossier], w: Window) -> dict[str, int]:
    """The report's columns written again from its docstring, one dossier at a time."""
    out = dict.fromkeys(KEYS, 0)
    for d in rows:
        if d.resolved_at is None and d.status in (Status.WITHDRAWN, Status.STOPPED) and d.closed_at is None:
            continue  # closed at an unknown moment: left out
        new = d.accepted_at is not None and w.start <= d.accepted_at < w.end
        resolved = d.resolved_at is not None and w.start <= d.resolved_at < w.end
        closed = (
            d.resolved_at is None
            and d.status in (Status.WITHDRAWN, Status.STOPPED)
            and d.closed_at is not None
            and w.start <= d.closed_at < w.end
        )
        out["carried"] += _open_at(d, w.start)
        out["new_online"] += new and d.channel == "online"
        out["new_other"] += new and d.channel != "online"
        out["resolved"] += resolved
        for timing in ("early", "on_time", "late"):
            out[f"resolved_{timing}"] += resolved and d.timing == timing
        out["closed"] += closed
        if _open_at(d, w.end):
            overdue = d.due_at is not None and d.due_at < w.cut
            out["pending_overdue"] += overdue
            out["pending_within"] += not overdue
    out["taken"] = out["carried"] + out["new_online"] + out["new_other"]
    out["pending"] = out["pending_within"] + out["pending_overdue"]
    return out


def _with_closings(made: list[Dossier]) -> None:
    """Some withdrawn dossiers with their closing moment, some stopped ones (the copies have neither)."""
    withdrawn = [d for d in made if d.status == Status.WITHDRAWN and d.accepted_at]
    for n, d in enumerate(withdrawn):
        d.status = Status.STOPPED if n % 3 == 0 else Status.WITHDRAWN
        d.closed_at = d.accepted_at + (d.due_at - d.accepted_at) / 2 if n % 2 == 0 and d.due_at else None
    Dossier.objects.bulk_update(withdrawn, ["status", "closed_at"])


@pytest.mark.parametrize(
    "period", [periods.month(2026, 1), periods.month(2026, 2), periods.quarter(2025, 4), periods.year(2026)]
)
def test_every_cell_equals_a_recount(generated: dict[str, Any], period: periods.Period) -> None:
    _with_closings(generated["made"])
    w = window_of(period)
    built = report(PROVINCE, w, Filters())
    rows = list(Dossier.objects.exclude(status=Status.DRAFT))
    assert built.total == _recount(rows, w)
    assert sum(r["taken"] for r in built.rows) == built.total["taken"]


def test_each_row_adds_up_and_a_month_carries_into_the_next(generated: dict[str, Any]) -> None:
    _with_closings(generated["made"])
    january = report(PROVINCE, window_of(periods.month(2026, 1)), Filters())
    february = report(PROVINCE, window_of(periods.month(2026, 2)), Filters())
    for row in [*january.rows, january.total]:
        assert row["taken"] == row["resolved"] + row["closed"] + row["pending"]
    assert january.total["pending"] == february.total["carried"] > 0


def test_an_agency_sees_its_own_dossiers(generated: dict[str, Any]) -> None:
    world = generated["world"]
    w = window_of(periods.quarter(2026, 1))
    commune = report(OpsScope(frozenset({world.commune.pk}), "x"), w, Filters())
    mine = [
        d
        for d in Dossier.objects.exclude(status=Status.DRAFT)
        if world.commune.pk in (d.competent_agency_id, d.receiving_agency_id)
    ]
    assert commune.total == _recount(mine, w)
    assert report(OpsScope(frozenset({world.partner.pk}), "x"), w, Filters()).rows == []


def test_the_spreadsheet_and_the_pdf_carry_the_same_numbers(generated: dict[str, Any]) -> None:
    world = generated["world"]
    built = report(PROVINCE, window_of(periods.quarter(2026, 1)), Filters())
    sheet = load_workbook(BytesIO(report_xlsx(built, world.centre))).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[2][0] == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert values[7][:3] == ["(1)", "(2)", "(3)"]
    total = values[-1]
    assert total[1] == "Tổng cộng" and total[2:] == [built.total[k] for k in KEYS]
    pdf = report_pdf(built, world.centre)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "needs poppler-utils (make system-deps)"
    text = subprocess.run([pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout  # noqa: S603
    page = text.decode()
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in page and "Tổng cộng" in page
    assert "(14)" in page and "THỦ TRƯỞNG CƠ QUAN" in page
