"""The operations centre's tables as one .xlsx workbook: the counters, the rates, the breakdown, the
year by month and the rankings, each on its own sheet with the same numbers as the page."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from motcua.operations.dashboard import Dashboard
from motcua.operations.figures import BY_KEY, COUNTED
from motcua.operations.rankings import Ranked
from motcua.operations.rates import on_time_rate
from motcua.operations.selectors import DIMENSIONS

PERCENT = "0.0%"


def _sheet(
    book: Workbook, title: str, header: list[str], rows: list[list[Any]], percent_columns: tuple[int, ...] = ()
) -> Worksheet:
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in percent_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = PERCENT
    sheet.column_dimensions["A"].width = 48
    return sheet


def workbook(board: Dashboard, ranked: dict[str, list[Ranked]]) -> bytes:
    """The workbook's bytes; sheet and column names are Vietnamese, as on the page."""
    book = Workbook()
    info = book.active
    assert info is not None  # noqa: S101 - a new workbook has its first sheet
    info.title = "Thông tin"
    info.append(["Phạm vi", board.scope.label])
    info.append(["Kỳ", board.period.label])
    info.append(["Từ ngày", board.period.first_day])
    info.append(["Đến ngày", board.period.last_day])
    info.column_dimensions["A"].width = 20
    counters = [[f.label, board.counts.get(f.key, 0)] for f in COUNTED]
    _sheet(book, "Chỉ tiêu", ["Chỉ tiêu", "Số hồ sơ"], counters)
    rates = [
        [label, value]
        for label, value in (
            ("Giải quyết đúng hạn", board.rates.on_time),
            ("Đúng hạn, gồm hồ sơ đang trong hạn", board.rates.within_time),
            ("Nộp trực tuyến (TTHC có trực tuyến)", board.rates.online),
            ("Nộp trực tuyến (TTHC toàn trình)", board.rates.full_online),
            ("Nộp qua bưu chính", board.rates.postal),
            ("Thanh toán trực tuyến", board.rates.paid_online),
            ("Có thành phần số hóa", board.rates.digitised),
            ("Kết quả điện tử", board.rates.electronic_results),
        )
    ]
    _sheet(book, "Tỷ lệ", ["Tỷ lệ", "Giá trị"], rates, percent_columns=(2,))
    keys = ("received", "received_online", "resolved", "resolved_late", "in_progress_overdue")
    rows = [[r["name"], *(r[k] for k in keys), on_time_rate(r)] for r in board.rows]
    header = [DIMENSIONS[board.dimension][0], *(BY_KEY[k].label for k in keys), "Đúng hạn"]
    _sheet(book, f"Theo {DIMENSIONS[board.dimension][0].lower()}", header, rows, percent_columns=(len(header),))
    months = [
        [m["month"], m["received"], m["received_online"], m["resolved"], m["resolved_late"]] for m in board.months
    ]
    _sheet(book, "Theo tháng", ["Tháng", "Tiếp nhận", "Trực tuyến", "Đã giải quyết", "Quá hạn"], months)
    for level, units in ranked.items():
        rows = [
            [u.name, u.rank_on_time, u.on_time, u.moved_on_time, u.rank_index, u.index, u.moved_index] for u in units
        ]
        header = [
            "Cơ quan",
            "Hạng (đúng hạn)",
            "Đúng hạn",
            "So với kỳ trước",
            "Hạng (766)",
            "Chỉ số 766",
            "So với kỳ trước",
        ]
        _sheet(
            book, "Xếp hạng cấp xã" if level == "commune" else "Xếp hạng cấp tỉnh", header, rows, percent_columns=(3,)
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
