"""The catalogue as an Excel workbook (.xlsx), one sheet per kind of row, Vietnamese headers and labels.

The workbook is another spelling of the JSON document (``document.py``): ``write_workbook``
turns a document into a workbook, ``read_workbook`` turns a workbook back into a document plus a
``locate`` function that maps a problem's path to "sheet, row, column", so import errors point
at the cell to fix. Choice columns show Vietnamese labels; import accepts the label or the code.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from motcua.accounts.models import ApplicantKind, Role
from motcua.catalogue.constants import (
    Channel,
    ComponentKind,
    ComponentRequirement,
    OnlineLevel,
    ProcedureStatus,
    ResultKind,
    StepAction,
    StepActorKind,
)
from motcua.catalogue.exchange.document import FORMAT, FORMAT_VERSION, CatalogueImportError
from motcua.core.caches import process_cache
from motcua.core.text import fold
from motcua.organisations.models import UnitLevel
from motcua.workdays.constants import DurationUnit

LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    kind: str = "text"  # text | int | number | date | bool | choice | choices
    choices: type[models.TextChoices] | None = None
    # Added after workbooks were in use: a file without the column still imports (default value).
    optional: bool = False


_KEY = [Col("procedure", "Mã thủ tục"), Col("number", "Phiên bản", "int")]
_PROCESS_KEY = [*_KEY, Col("process_agency", "Cơ quan thực hiện quy trình (mã định danh, trống = mặc định)")]

SHEETS: dict[str, list[Col]] = {
    "Lĩnh vực": [Col("code", "Mã lĩnh vực"), Col("name", "Tên lĩnh vực")],
    "Thủ tục": [
        Col("code", "Mã thủ tục"),
        Col("name", "Tên thủ tục"),
        Col("sector", "Mã lĩnh vực"),
        Col("status", "Trạng thái", "choice", ProcedureStatus),
        Col("number", "Phiên bản", "int"),
        Col("effective_from", "Áp dụng từ ngày", "date"),
        Col("effective_until", "Áp dụng đến hết ngày", "date"),
        Col("legal_time_value", "Thời hạn theo quy định", "number"),
        Col("legal_time_unit", "Đơn vị thời hạn", "choice", DurationUnit),
        Col("reduced_time_value", "Thời hạn cắt giảm", "number"),
        Col("reduced_time_unit", "Đơn vị thời hạn cắt giảm", "choice", DurationUnit),
        Col("levels", "Cấp thực hiện", "choices", UnitLevel),
        Col("applicant_types", "Đối tượng thực hiện", "choices", ApplicantKind),
        Col("online_level", "Mức độ DVC trực tuyến", "choice", OnlineLevel),
        Col("channels", "Cách thức thực hiện", "choices", Channel),
        Col("resolved_at_centre", "Giải quyết tại chỗ", "bool"),
        Col("requires_financial_obligation_pause", "Tạm dừng chờ nghĩa vụ tài chính", "bool"),
        Col("result_name", "Kết quả"),
        Col("result_kind", "Loại kết quả", "choice", ResultKind),
        Col("result_electronic_allowed", "Kết quả điện tử", "bool"),
        Col("legal_basis", "Căn cứ pháp lý"),
        Col("submission_place", "Địa điểm tiếp nhận"),
        Col("publication_decision_number", "Số QĐ công bố"),
        Col("publication_decision_date", "Ngày QĐ công bố", "date"),
        Col("competent_agencies", "Cơ quan có thẩm quyền (mã định danh)", "codes"),
        Col("change_note", "Nội dung thay đổi"),
    ],
    "Phí, lệ phí": [
        *_KEY,
        Col("name", "Tên phí, lệ phí"),
        Col("amount_vnd", "Mức thu (đồng)", "int"),
        Col("payer", "Đối tượng nộp"),
        Col("exemptions", "Miễn, giảm"),
        Col("note", "Ghi chú"),
        Col("channels", "Áp dụng cho cách thức nộp (trống = mọi cách thức)", "choices", Channel, optional=True),
        Col("online_reduction_percent", "Giảm khi nộp trực tuyến (%)", "int", optional=True),
    ],
    "Thành phần hồ sơ": [
        *_KEY,
        Col("name", "Tên giấy tờ"),
        Col("copies", "Số lượng", "int"),
        Col("kind", "Loại bản", "choice", ComponentKind),
        Col("requirement", "Yêu cầu nộp", "choice", ComponentRequirement),
        Col("condition", "Trường hợp phải nộp"),
        Col("reusable_from_data_store", "Tái sử dụng từ kho dữ liệu", "bool"),
        Col("blank_form", "Tệp mẫu đơn"),
        Col("note", "Ghi chú"),
    ],
    "Quy trình": [
        *_PROCESS_KEY,
        Col("decision_number", "Số QĐ phê duyệt"),
        Col("decision_date", "Ngày QĐ", "date"),
        Col("effective_from", "Áp dụng từ ngày", "date"),
        Col("is_illustrative", "Quy trình minh hoạ", "bool"),
    ],
    "Bước xử lý": [
        *_PROCESS_KEY,
        Col("order", "Thứ tự", "int"),
        Col("name", "Tên bước"),
        Col("actor_kind", "Bên thực hiện", "choice", StepActorKind),
        Col("role", "Vai trò", "choice", Role),
        Col("agency", "Cơ quan thực hiện bước (mã định danh)"),
        Col("duration_value", "Thời gian", "number"),
        Col("duration_unit", "Đơn vị thời gian", "choice", DurationUnit),
        Col("allowed_actions", "Thao tác được phép", "choices", StepAction),
        Col("is_interagency", "Liên thông", "bool"),
        Col("parallel_group", "Nhóm song song"),
        Col("skippable", "Được bỏ qua", "bool"),
    ],
    "Nhóm liên thông": [
        Col("code", "Mã nhóm"),
        Col("name", "Tên nhóm"),
        Col("description", "Mô tả"),
        Col("legal_basis", "Căn cứ pháp lý"),
        Col("procedures", "Các thủ tục (mã)", "codes"),
    ],
}

# Columns added after workbooks were first exchanged: an older workbook without them still imports
# (the importer then reads the requirement from the old yes/no column or from the note).
ADDED_LATER: dict[str, set[str]] = {"Thành phần hồ sơ": {"requirement", "condition"}}
# Columns older workbooks have and new ones no longer write: read when present.
LEGACY: dict[str, list[Col]] = {"Thành phần hồ sơ": [Col("mandatory", "Bắt buộc", "bool")]}


# --- Writing ----------------------------------------------------------------------------------------


def _out(col: Col, value: Any) -> Any:
    if value is None or value == "" or value == []:
        return None
    if col.kind == "bool":
        return "Có" if value else "Không"
    if col.kind == "choice" and col.choices:
        return str(col.choices(value).label)
    if col.kind == "choices" and col.choices:
        return LIST_SEPARATOR.join(str(col.choices(v).label) for v in value)
    if col.kind == "codes":
        return LIST_SEPARATOR.join(value)
    if col.kind == "date":
        return date.fromisoformat(value)
    if col.kind == "number":
        return float(value) if "." in str(value) else int(value)
    return value


def _rows(document: dict[str, Any]) -> dict[str, Iterable[dict[str, Any]]]:
    def versions() -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
        for procedure in document["procedures"]:
            for version in procedure["versions"]:
                yield procedure, version

    def key(p: dict[str, Any], v: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {"procedure": p["code"], "number": v["number"], **extra}

    return {
        "Lĩnh vực": document["sectors"],
        "Thủ tục": (
            {**v, "code": p["code"], "name": p["name"], "sector": p["sector"], "status": p["status"]}
            for p, v in versions()
        ),
        "Phí, lệ phí": ({**fee, **key(p, v)} for p, v in versions() for fee in v["fees"]),
        "Thành phần hồ sơ": ({**c, **key(p, v)} for p, v in versions() for c in v["components"]),
        "Quy trình": (
            {**pr, **key(p, v, process_agency=pr.get("implementing_agency"))}
            for p, v in versions()
            for pr in v["processes"]
        ),
        "Bước xử lý": (
            {**s, "order": i, **key(p, v, process_agency=pr.get("implementing_agency"))}
            for p, v in versions()
            for pr in v["processes"]
            for i, s in enumerate(pr["steps"], 1)
        ),
        "Nhóm liên thông": document["groups"],
    }


def write_workbook(document: dict[str, Any]) -> bytes:
    book = Workbook(write_only=False)
    book.remove(book.active)
    rows = _rows(document)
    for title, cols in SHEETS.items():
        sheet = book.create_sheet(title)
        sheet.append([c.header for c in cols])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, col in enumerate(cols, 1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(col.header) + 4))
        date_columns = [get_column_letter(i) for i, c in enumerate(cols, 1) if c.kind == "date"]
        for number, row in enumerate(rows[title], 2):
            sheet.append([_out(c, row.get(c.key)) for c in cols])
            for letter in date_columns:  # (``sheet.max_row`` would rescan the sheet on every row)
                sheet[f"{letter}{number}"].number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- Reading ----------------------------------------------------------------------------------------


@process_cache(maxsize=None)
def _label_map(choices: type[models.TextChoices]) -> dict[str, str]:
    mapping = {fold(str(label)): str(value) for value, label in choices.choices}
    mapping.update({fold(str(value)): str(value) for value in choices.values})
    return mapping


def _in(col: Col, value: Any) -> Any:
    """Cell → raw document value. Unknown labels pass through for the validator to report."""
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return [] if col.kind in ("choices", "codes") else None
    if col.kind == "choice" and col.choices:
        return _label_map(col.choices).get(fold(str(value)), value)
    if col.kind == "choices" and col.choices:
        labels = _label_map(col.choices)
        return [labels.get(fold(part), part.strip()) for part in re.split(r"[;\n]", str(value)) if part.strip()]
    if col.kind == "codes":
        return [part.strip() for part in re.split(r"[;,\n]", str(value)) if part.strip()]
    if col.kind == "bool":
        return value
    if col.kind in ("int", "number") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Located = tuple[dict[str, Any], int]  # (raw row as a dict, row number in the sheet)


def _read_sheet(book: Any, title: str, problems: list[str]) -> list[Located]:
    if title not in book.sheetnames:
        problems.append(f"Thiếu trang tính “{title}”.")
        return []
    cols = SHEETS[title]
    sheet = book[title]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    positions = {}
    for col in cols:
        if col.header in header:
            positions[col.key] = header.index(col.header)
        elif not col.optional and col.key not in ADDED_LATER.get(title, set()):
            problems.append(f"Trang “{title}”: thiếu cột “{col.header}”.")
    legacy = [col for col in LEGACY.get(title, []) if col.header in header]
    positions.update({col.key: header.index(col.header) for col in legacy})
    cols = [*cols, *legacy]
    out = []
    for number, values in enumerate(rows, 2):
        if values is None or all(v in (None, "") for v in values):
            continue
        row = {
            key: _in(col, values[positions[key]] if positions[key] < len(values) else None)
            for col in cols
            if (key := col.key) in positions
        }
        out.append((row, number))
    return out


class _Locator:
    """Maps document paths to "trang …, dòng …, cột …"."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str, int]] = {}

    def add(self, prefix: str, sheet: str, row: int) -> None:
        self.rows[prefix] = (sheet, row)

    def __call__(self, path: str) -> str:
        best = ""
        for prefix in self.rows:
            if path.startswith(prefix) and len(prefix) > len(best):
                best = prefix
        if not best:
            return path
        sheet, row = self.rows[best]
        rest = path[len(best) :].split(".")[0].split("[")[0]
        header = next((c.header for c in SHEETS[sheet] if c.key == rest), "")
        where = f"Trang “{sheet}”, dòng {row}"
        if header:
            letter = get_column_letter([c.key for c in SHEETS[sheet]].index(rest) + 1)
            where += f", cột {letter} “{header}”"
        return where


def read_workbook(content: bytes) -> tuple[dict[str, Any], Callable[[str], str]]:
    """Workbook bytes → (document, locate). Raises ``CatalogueImportError`` if the layout is wrong."""
    problems: list[str] = []
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        raise CatalogueImportError([f"Không đọc được tệp Excel (.xlsx): {exc.__class__.__name__}."]) from None
    sheets = {title: _read_sheet(book, title, problems) for title in SHEETS}
    if problems:
        raise CatalogueImportError(problems)
    locate = _Locator()
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "sectors": [],
        "procedures": [],
        "groups": [],
    }
    for i, (row, number) in enumerate(sheets["Lĩnh vực"], 1):
        document["sectors"].append(row)
        locate.add(f"sectors[{i}].", "Lĩnh vực", number)
    _assemble_procedures(document, sheets, locate)
    for i, (row, number) in enumerate(sheets["Nhóm liên thông"], 1):
        document["groups"].append(row)
        locate.add(f"groups[{i}].", "Nhóm liên thông", number)
    return document, locate


def _assemble_procedures(document: dict[str, Any], sheets: dict[str, list[Located]], locate: _Locator) -> None:
    by_key: dict[tuple[Any, Any], dict[str, Any]] = {}
    procedures: dict[Any, dict[str, Any]] = {}
    for row, number in sheets["Thủ tục"]:
        code = str(row.get("code") or "").strip()
        procedure = procedures.get(code)
        if procedure is None:
            procedure = procedures[code] = {"code": code, "versions": []}
            document["procedures"].append(procedure)
            locate.add(f"procedures[{len(procedures)}].", "Thủ tục", number)
        procedure.update(name=row.get("name"), sector=row.get("sector"), status=row.get("status") or "active")
        version = {k: v for k, v in row.items() if k not in ("code", "name", "sector", "status")}
        version.update(fees=[], components=[], processes=[])
        procedure["versions"].append(version)
        prefix = f"procedures[{list(procedures).index(code) + 1}].versions[{len(procedure['versions'])}]."
        locate.add(prefix, "Thủ tục", number)
        by_key[(code, version.get("number"))] = {"version": version, "prefix": prefix, "processes": {}}
    orphans: list[str] = []
    for sheet, target in (("Phí, lệ phí", "fees"), ("Thành phần hồ sơ", "components")):
        for row, number in sheets[sheet]:
            entry = _owner(by_key, row, sheet, number, orphans)
            if entry:
                items = entry["version"][target]
                items.append({k: v for k, v in row.items() if k not in ("procedure", "number")})
                locate.add(f"{entry['prefix']}{target}[{len(items)}].", sheet, number)
    for row, number in sheets["Quy trình"]:
        entry = _owner(by_key, row, "Quy trình", number, orphans)
        if entry:
            process = {k: v for k, v in row.items() if k not in ("procedure", "number", "process_agency")}
            process.update(implementing_agency=row.get("process_agency"), steps=[])
            entry["version"]["processes"].append(process)
            index = len(entry["version"]["processes"])
            entry["processes"][row.get("process_agency") or ""] = (process, f"{entry['prefix']}processes[{index}].")
            locate.add(f"{entry['prefix']}processes[{index}].", "Quy trình", number)
    steps: dict[tuple[Any, ...], list[Located]] = defaultdict(list)
    for row, number in sheets["Bước xử lý"]:
        steps[(row.get("procedure"), row.get("number"), row.get("process_agency") or "")].append((row, number))
    for (code, version_number, agency), rows in steps.items():
        entry = by_key.get((code, version_number))
        owner = entry["processes"].get(agency) if entry else None
        if owner is None:
            orphans.append(f"Trang “Bước xử lý”, dòng {rows[0][1]}: không có quy trình tương ứng ở trang “Quy trình”.")
            continue
        process, prefix = owner
        for row, number in sorted(rows, key=lambda item: (_int(item[0].get("order")), item[1])):
            process["steps"].append(
                {k: v for k, v in row.items() if k not in ("procedure", "number", "process_agency", "order")}
            )
            locate.add(f"{prefix}steps[{len(process['steps'])}].", "Bước xử lý", number)
    # Reported together with the validation problems, so the user sees every error at once.
    document["layout_problems"] = orphans


def _owner(
    by_key: dict[tuple[Any, Any], dict[str, Any]], row: dict[str, Any], sheet: str, number: int, orphans: list[str]
) -> dict[str, Any] | None:
    entry = by_key.get((row.get("procedure"), row.get("number")))
    if entry is None:
        orphans.append(
            f"Trang “{sheet}”, dòng {number}: không có thủ tục {row.get('procedure')} phiên bản "
            f"{row.get('number')} ở trang “Thủ tục”."
        )
    return entry


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
