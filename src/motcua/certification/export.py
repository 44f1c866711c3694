"""The certification register (sổ chứng thực bản sao từ bản chính) of a unit and year as .xlsx.

Columns after the register model of Circular 01/2020/TT-BTP: number, date, the requester, the document,
pages, the certifying person, the fee, and what only an electronic register knows (reuse in dossiers).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.certification.models import CertifiedCopy
from motcua.certification.numbering import book_label
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ

COLUMNS = (
    "Số chứng thực",
    "Ngày, giờ chứng thực",
    "Họ tên người yêu cầu",
    "Số định danh cá nhân",
    "Tên giấy tờ, văn bản",
    "Cơ quan cấp bản chính",
    "Số trang",
    "Người thực hiện chứng thực",
    "Phí (đồng)",
    "Bản điện tử",
    "Số lần tái sử dụng",
)


def register_xlsx(agency: Agency, year: int, rows: list[CertifiedCopy]) -> bytes:
    book = Workbook()
    sheet = book.active
    if sheet is None:  # a new workbook always has its sheet
        sheet = book.create_sheet()
    sheet.title = f"SCT-BS {year}"
    sheet.append([f"SỔ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH – {agency.name}"])
    sheet.append([f"Quyển số {book_label(year)}"])
    sheet.append(list(COLUMNS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(
            [
                f"{row.number:02d}",
                row.issued_at.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M"),
                row.citizen_name,
                row.citizen_id_number,
                row.document_name,
                row.document_issuer,
                row.pages,
                row.certifier.full_name,
                row.fee_vnd,
                "Có",
                row.reuse_count,
            ]
        )
    for column, width in zip("ABCDEFGHIJK", (10, 18, 26, 16, 40, 26, 8, 26, 10, 10, 12), strict=True):
        sheet.column_dimensions[column].width = width
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
