"""The operations centre's tables as one .xlsx workbook, each on its own sheet with the same numbers as
the page: the counters, the rates, the breakdown, the year by month, the rankings, the Decision 766
index, the ratings, and when asked for them the Circular 01/2018 evaluation and a procedure's steps."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from itertools import islice
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from motcua.dossiers.constants import Satisfaction
from motcua.dossiers.formatting import vn_datetime
from motcua.dossiers.models import Dossier
from motcua.operations.dashboard import Dashboard
from motcua.operations.evaluation import Evaluation
from motcua.operations.figures import BY_KEY, COUNTED
from motcua.operations.rankings import Ranked
from motcua.operations.rates import on_time_rate
from motcua.operations.selectors import DIMENSIONS
from motcua.operations.step_times import StepTime

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


STATUS = {"scored": "Tính được", "no_data": "Chưa có dữ liệu", "national": "Hệ thống quốc gia nắm giữ"}


def _index_sheet(book: Workbook, board: Dashboard) -> None:
    rows = [
        [
            f"{g.group.key} · {g.group.name}",
            sub.indicator.name,
            sub.indicator.formula,
            STATUS[sub.status],
            sub.numerator if sub.status == "scored" else None,
            sub.denominator if sub.status == "scored" else None,
            sub.ratio,
            float(sub.points) if sub.points is not None else None,
            float(sub.indicator.max_points),
        ]
        for g in board.index.groups
        for sub in g.subs
    ]
    header = ["Nhóm", "Tiêu chí", "Công thức", "Tình trạng", "Tử số", "Mẫu số", "Tỷ lệ", "Điểm", "Tối đa"]
    _sheet(book, "Chỉ số 766", header, rows, percent_columns=(7,))


def _ratings_sheet(book: Workbook, board: Dashboard) -> None:
    if board.ratings is None:
        return
    rows: list[list[Any]] = [["Lượt đánh giá", board.ratings.total]]
    rows += [[Satisfaction(level).label, count] for level, count in board.ratings.by_level.items()]
    _sheet(book, "Đánh giá của người dân", ["Mức", "Số lượt"], rows)


def _evaluation_sheet(book: Workbook, evaluation: Evaluation) -> None:
    rows: list[list[Any]] = [
        [i.number, i.title, i.rule, i.basis, float(i.score) if i.score is not None else "Không tính"]
        for i in evaluation.indicators
    ]
    rows.append(["", "Tổng điểm / tối đa tính được", "", "", f"{evaluation.total} / {evaluation.scored_maximum}"])
    rows.append(["", "Quy về thang 18", "", "", float(evaluation.on_full_scale or 0)])
    rows.append(["", "Xếp loại", "", "", evaluation.grade or "Chưa đủ dữ liệu"])
    _sheet(book, "Đánh giá TT 01-2018", ["Chỉ số", "Tên", "Cách chấm", "Số liệu", "Điểm"], rows)


def _steps_sheets(book: Workbook, steps: list[dict[str, Any]], times: list[StepTime]) -> None:
    late = [
        [s["dossier__procedure__name"], f"{s['order']}. {s['name']}", s["agency__name"], s["finished"], s["late"],
         s["late_share"], s["used_hours"], s["allotted"], s["of_late_dossiers"]]
        for s in steps
    ]  # fmt: skip
    header = ["Thủ tục", "Bước", "Cơ quan", "Hoàn thành", "Trễ hạn", "Tỷ lệ trễ", "Giờ dùng trung bình",
              "Thời gian được giao", "Tỷ lệ hồ sơ trễ hạn trễ tại bước này"]  # fmt: skip
    _sheet(book, "Điểm nghẽn", header, late, percent_columns=(6, 9))
    timed = [
        [f"{t.order}. {t.name}", t.agency, t.finished, t.late, t.median_hours, t.p90_hours, t.median_share,
         t.p90_share, SUGGESTIONS.get(t.suggestion, "")]
        for t in times
    ]  # fmt: skip
    header = ["Bước", "Cơ quan", "Hoàn thành", "Trễ hạn", "Trung vị (giờ)", "p90 (giờ)",
              "Trung vị / được giao", "p90 / được giao", "Gợi ý"]  # fmt: skip
    _sheet(book, "Thời gian từng bước", header, timed, percent_columns=(7, 8))


SUGGESTIONS = {
    "late": "Nơi hồ sơ bị trễ: xem lại phân công, thời gian",
    "shorten": "Có thể rút ngắn thời gian được giao",
    "merge": "Thủ tục chuyển tiếp: có thể gộp với bước liền kề",
}


def workbook(
    board: Dashboard,
    ranked: dict[str, list[Ranked]],
    *,
    evaluation: Evaluation | None = None,
    steps: list[dict[str, Any]] | None = None,
    times: list[StepTime] | None = None,
) -> bytes:
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
    _index_sheet(book, board)
    _ratings_sheet(book, board)
    if evaluation is not None:
        _evaluation_sheet(book, evaluation)
    if steps is not None and times is not None:
        _steps_sheets(book, steps, times)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


LIST_CAP = 10_000  # a drill-down list exported at once; narrower filters for more


def dossier_list(title: str, rows: Iterable[Dossier]) -> bytes:
    """The dossiers behind one number (the drill-down's rows, at most ``LIST_CAP``) as a workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook has its first sheet
    sheet.title = "Hồ sơ"
    sheet.append([title])
    sheet.append(["Mã hồ sơ", "Thủ tục", "Người nộp", "Kênh", "Cơ quan giải quyết", "Nộp lúc", "Hẹn trả", "Trạng thái"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for d in islice(rows, LIST_CAP):
        sheet.append(
            [
                d.code,
                d.procedure.name,
                d.applicant_name,
                d.get_channel_display(),
                d.competent_agency.name if d.competent_agency else "",
                vn_datetime(d.submitted_at),
                vn_datetime(d.due_at),
                d.status_label,
            ]
        )
    for column, width in zip("ABCDEFGH", (26, 48, 28, 12, 32, 17, 17, 22), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
