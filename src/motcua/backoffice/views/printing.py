"""Printing: the standard forms of a dossier as PDF, and the Form 07 ledger for an agency and period."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua.backoffice.acting import DOSSIER_ROLES, acting_of, official_required
from motcua.backoffice.inboxes import parse_day
from motcua.backoffice.printable import printable_forms
from motcua.backoffice.views.dossier import dossier_for
from motcua.documents import register, rendering


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@official_required(roles=DOSSIER_ROLES)
def form_pdf_view(request: HttpRequest, code: str, form_no: str) -> HttpResponse:
    dossier = dossier_for(acting_of(request), code)
    if form_no not in dict(printable_forms(dossier)):
        raise Http404("Hồ sơ chưa có biểu mẫu này.")
    try:
        content = rendering.render_dossier_form(dossier, form_no)
    except rendering.FormNotAvailable as error:
        raise Http404(error.message) from None
    return _pdf_response(content, f"mau-{form_no}-{dossier.code}.pdf")


def _period(params: Any) -> tuple[date, date, dict[str, str]]:
    today = timezone.localdate()
    errors: dict[str, str] = {}

    def day(name: str, default: date) -> date:
        raw = (params.get(name) or "").strip()
        if not raw:
            return default
        parsed = parse_day(raw)
        if parsed is None:
            errors[name] = "Ngày không hợp lệ (dd/mm/yyyy)."
            return default
        return parsed

    start = day("from", today.replace(day=1))
    end = day("to", today)
    if start > end:
        errors["to"] = "“Đến ngày” phải sau “từ ngày”."
    return start, end, errors


@official_required(roles=DOSSIER_ROLES)
def ledger_view(request: HttpRequest) -> HttpResponse:
    acting = acting_of(request)
    start, end, errors = _period(request.GET)
    fmt = request.GET.get("format", "")
    if fmt in ("pdf", "xlsx") and not errors:
        if fmt == "pdf":
            content = rendering.render_ledger_pdf(acting.agency, start, end)
            return _pdf_response(content, f"so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.pdf")
        content = rendering.render_ledger_xlsx(acting.agency, start, end)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
        return response
    rows = [] if errors else register.rows(acting.agency, start, end)
    context = {"section": "ledger", "start": start, "end": end, "errors": errors, "rows": rows}
    return render(request, "backoffice/ledger.html", context, status=400 if errors else 200)
