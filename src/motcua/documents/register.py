"""Form 07, Sổ theo dõi hồ sơ: the register of an agency's dossiers over a period, as PDF and .xlsx."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.documents.forms import REGISTER, _base_context, render_pdf
from motcua.dossiers.constants import Status
from motcua.dossiers.formatting import vn_date, vn_datetime
from motcua.dossiers.models import Dossier
from motcua.organisations.models import Agency
from motcua.workdays.constants import VIETNAM_TZ

COLUMNS = [
    ("code", "Mã hồ sơ", 28),
    ("procedure", "Tên thủ tục hành chính", 45),
    ("applicant", "Tên cá nhân, tổ chức", 28),
    ("contact", "Địa chỉ, số điện thoại", 35),
    ("competent", "Cơ quan chủ trì giải quyết", 30),
    ("received", "Nhận hồ sơ", 18),
    ("due", "Hẹn trả kết quả", 18),
    ("finished", "Ngày có kết quả / trả", 18),
    ("status", "Trạng thái", 22),
    ("note", "Ghi chú", 20),
]
MAX_ROWS = 20_000  # a register longer than this is split by period


def dossiers_for(agency: Agency, start: date, end: date) -> QuerySet[Dossier]:
    """Dossiers received by or to be resolved by ``agency`` and registered in [start, end] (local days)."""
    lower = datetime.combine(start, time.min, tzinfo=VIETNAM_TZ)
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ)
    return (
        Dossier.objects.filter(Q(receiving_agency=agency) | Q(competent_agency=agency))
        .filter(submitted_at__gte=lower, submitted_at__lt=upper)
        .exclude(status=Status.DRAFT)
        .select_related("procedure", "competent_agency")
        .order_by("submitted_at", "pk")
    )


def rows(agency: Agency, start: date, end: date) -> list[dict[str, str]]:
    result = []
    for d in dossiers_for(agency, start, end)[:MAX_ROWS]:
        contact = ", ".join(x for x in (d.applicant_address, d.applicant_phone) if x)
        result.append(
            {
                "code": d.code or "",
                "procedure": d.procedure.name,
                "applicant": d.applicant_name,
                "contact": contact,
                "competent": d.competent_agency.name,
                "received": vn_datetime(d.accepted_at or d.submitted_at),
                "due": vn_datetime(d.due_at),
                "finished": vn_datetime(d.returned_at or d.resolved_at or d.closed_at),
                "status": d.status_label,
                "note": d.get_timing_display() if d.timing else "",
            }
        )
    return result


def register_context(agency: Agency, start: date, end: date) -> dict[str, Any]:
    context = _base_context(REGISTER, agency)
    context.update(
        {"agency": agency, "period_start": vn_date(start), "period_end": vn_date(end), "rows": rows(agency, start, end)}
    )
    return context


def register_pdf(agency: Agency, start: date, end: date) -> bytes:
    return render_pdf(REGISTER.template, register_context(agency, start, end))


def register_xlsx(agency: Agency, start: date, end: date) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = "So theo doi ho so"
    sheet.append([REGISTER.title])
    sheet.append([f"{agency.name} – từ ngày {vn_date(start)} đến ngày {vn_date(end)}"])
    sheet.append([])
    sheet.append(["STT", *[label for _, label, _ in COLUMNS]])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    for index, row in enumerate(rows(agency, start, end), start=1):
        sheet.append([index, *[row[key] for key, _, _ in COLUMNS]])
    sheet.column_dimensions["A"].width = 6
    for offset, (_, _, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("B") + offset)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
