"""A register printed from the system (Decree 30/2020 Art. 16, Appendix IV: at least ten fields) as .xlsx."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.records.models import Direction, DocumentRegister, RegisteredDocument

COLUMNS = {
    Direction.OUTGOING: (
        "Số thứ tự",
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Loại văn bản",
        "Trích yếu nội dung",
        "Người ký",
        "Nơi nhận",
        "Độ khẩn",
        "Số trang",
        "Ngày vào sổ",
        "Bản điện tử",
    ),
    Direction.INCOMING: (
        "Số đến",
        "Ngày đến",
        "Nơi gửi",
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Loại văn bản",
        "Trích yếu nội dung",
        "Người ký",
        "Độ khẩn",
        "Số trang",
        "Bản điện tử",
    ),
}


def _row(direction: str, d: RegisteredDocument) -> list[object]:
    common = {
        "date": d.document_date.strftime("%d/%m/%Y"),
        "registered": d.registered_at.strftime("%d/%m/%Y"),
        "urgency": d.get_urgency_display(),
        "electronic": "x" if d.electronic else "",
    }
    if direction == Direction.OUTGOING:
        return [
            d.number,
            d.number_notation,
            common["date"],
            d.document_type,
            d.summary,
            d.signer,
            d.counterpart,
            common["urgency"],
            d.pages or "",
            common["registered"],
            common["electronic"],
        ]
    return [
        d.number,
        common["registered"],
        d.counterpart,
        d.number_notation,
        common["date"],
        d.document_type,
        d.summary,
        d.signer,
        common["urgency"],
        d.pages or "",
        common["electronic"],
    ]


def register_xlsx(register: DocumentRegister, year: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = str(year)
    sheet.append([f"{register.name.upper()} – {register.agency.name} – NĂM {year}"])
    sheet["A1"].font = Font(bold=True)
    header = COLUMNS[Direction(register.direction)]
    sheet.append(list(header))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for document in register.documents.filter(year=year).order_by("number"):
        sheet.append(_row(register.direction, document))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
