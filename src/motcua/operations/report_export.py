"""The periodic report (``report.py``) as a spreadsheet and as a PDF in the report form's layout.

Both carry the issuing agency's heading, the period, a two-row header (the groups over their columns)
with the columns numbered as report forms number them, one row per sector and the totals.
"""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO
from itertools import groupby
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from motcua.core.fonts import FONT_STACK, font_face_css
from motcua.documents.forms import FormSpec, header, render_pdf
from motcua.dossiers.formatting import official_date, vn_date
from motcua.operations.report import COLUMNS, KEYS, TITLE, Report
from motcua.organisations.models import Agency

SPEC = FormSpec("", TITLE, "operations/report.html", "A4 landscape")
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIRST_DATA_COLUMN = 3  # after "STT" and "Lĩnh vực"


def header_groups() -> list[dict[str, Any]]:
    """The first header row: each group with the number of columns it spans (a lone column spans 2 rows)."""
    groups = []
    for group, columns in groupby(COLUMNS, key=lambda c: c.group):
        members = list(columns)
        if group:
            groups.append({"label": group, "span": len(members), "lone": False})
        else:
            groups.extend({"label": c.label, "span": 1, "lone": True} for c in members)
    return groups


def period_text(report: Report) -> str:
    last = report.window.end - timedelta(microseconds=1)
    return f"Từ ngày {vn_date(report.window.start)} đến ngày {vn_date(last)}"


def context(report: Report, agency: Agency) -> dict[str, Any]:
    return {
        "spec": SPEC,
        "header": header(agency),
        "font_faces": font_face_css(),
        "font_stack": FONT_STACK,
        "printed_on": official_date(timezone.now()),
        "scope_label": report.scope.label,
        "period_text": period_text(report),
        "groups": header_groups(),
        "columns": list(COLUMNS),
        "rows": [{"name": r["name"], "values": [r[k] for k in KEYS]} for r in report.rows],
        "total": [report.total[k] for k in KEYS],
        "numbers": list(range(1, len(COLUMNS) + 3)),
    }


def report_pdf(report: Report, agency: Agency) -> bytes:
    return render_pdf(SPEC.template, context(report, agency))


def _header_rows(sheet: Any, first_row: int) -> None:
    sheet.cell(first_row, 1, "STT")
    sheet.cell(first_row, 2, "Lĩnh vực")
    sheet.merge_cells(start_row=first_row, start_column=1, end_row=first_row + 1, end_column=1)
    sheet.merge_cells(start_row=first_row, start_column=2, end_row=first_row + 1, end_column=2)
    column = FIRST_DATA_COLUMN
    for group in header_groups():
        sheet.cell(first_row, column, group["label"])
        if group["lone"]:
            sheet.merge_cells(start_row=first_row, start_column=column, end_row=first_row + 1, end_column=column)
        elif group["span"] > 1:
            sheet.merge_cells(
                start_row=first_row, start_column=column, end_row=first_row, end_column=column + group["span"] - 1
            )
        column += group["span"]
    for offset, col in enumerate(COLUMNS):
        if col.group:
            sheet.cell(first_row + 1, FIRST_DATA_COLUMN + offset, col.label)
    for number in range(1, len(COLUMNS) + 3):
        sheet.cell(first_row + 2, number, f"({number})")


def report_xlsx(report: Report, agency: Agency) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = "Bao cao"
    heading = header(agency)
    sheet.append([heading["governing"]])
    sheet.append([heading["agency"]])
    sheet.append([TITLE])
    sheet.append([f"{report.scope.label} · {period_text(report)}"])
    sheet.append([])
    _header_rows(sheet, first_row=6)
    for index, row in enumerate(report.rows, start=1):
        sheet.append([index, row["name"], *(row[k] for k in KEYS)])
    sheet.append(["", "Tổng cộng", *(report.total[k] for k in KEYS)])
    last_row = sheet.max_row
    for row_cells in sheet.iter_rows(min_row=6, max_row=last_row, max_col=len(COLUMNS) + 2):
        for cell in row_cells:
            cell.border = BOX
            if cell.row <= 8:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in sheet[last_row]:
        cell.font = Font(bold=True)
    sheet["C3"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 42
    for number in range(FIRST_DATA_COLUMN, len(COLUMNS) + 3):
        sheet.column_dimensions[get_column_letter(number)].width = 13
    out = BytesIO()
    book.save(out)
    return out.getvalue()
