"""Printing: the standard forms of a dossier as PDF, and the Form 07 ledger for an agency and period."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua.backoffice import inboxes
from motcua.backoffice.acting import acting_of, official_required
from motcua.backoffice.printable import printable_forms
from motcua.backoffice.views.dossier import dossier_for
from motcua.dossiers.models import Dossier
from motcua.workdays.constants import VIETNAM_TZ


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@official_required()
def form_pdf_view(request: HttpRequest, code: str, form_no: str) -> HttpResponse:
    dossier = dossier_for(acting_of(request), code)
    available = dict(printable_forms(dossier, has_supplement=dossier.supplement_requests.exists()))
    if form_no not in available:
        raise Http404("Hồ sơ chưa có biểu mẫu này.")
    from motcua.documents import rendering  # the documents context renders every standard form

    content = rendering.render_dossier_form(dossier, form_no)
    return _pdf_response(content, f"mau-{form_no}-{dossier.code}.pdf")


def _period(params: Any) -> tuple[date, date, dict[str, str]]:
    today = timezone.localdate()
    errors: dict[str, str] = {}

    def day(name: str, default: date) -> date:
        raw = (params.get(name) or "").strip()
        if not raw:
            return default
        try:
            return date.fromisoformat(raw)
        except ValueError:
            errors[name] = "Ngày không hợp lệ."
            return default

    start = day("from", today.replace(day=1))
    end = day("to", today)
    if start > end:
        errors["to"] = "“Đến ngày” phải sau “từ ngày”."
    return start, end, errors


def ledger_rows(agency_id: int, start: date, end: date) -> list[Dossier]:
    """Form 07 lines: dossiers received (registered) by or for the agency in the period, in order."""
    begin = datetime.combine(start, time.min, tzinfo=VIETNAM_TZ)
    finish = datetime.combine(end + timedelta(days=1), time.min, tzinfo=VIETNAM_TZ)
    return list(
        inboxes.visible_dossiers(agency_id)
        .filter(submitted_at__gte=begin, submitted_at__lt=finish)
        .select_related("procedure", "competent_agency")
        .order_by("submitted_at", "pk")
    )


@official_required()
def ledger_view(request: HttpRequest) -> HttpResponse:
    acting = acting_of(request)
    start, end, errors = _period(request.GET)
    fmt = request.GET.get("format", "")
    if fmt in ("pdf", "xlsx") and not errors:
        from motcua.documents import rendering

        if fmt == "pdf":
            content = rendering.render_ledger_pdf(acting.agency, start, end)
            return _pdf_response(content, f"so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.pdf")
        content = rendering.render_ledger_xlsx(acting.agency, start, end)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
        return response
    rows = [] if errors else ledger_rows(acting.agency.pk, start, end)
    context = {"section": "ledger", "start": start, "end": end, "errors": errors, "rows": rows}
    return render(request, "backoffice/ledger.html", context, status=400 if errors else 200)
