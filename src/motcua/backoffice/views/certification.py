"""The certification counter: issuing electronic certified copies, the register and its .xlsx export.

Open to the officials of a commune or a notary-type unit who work the counter (``certification.selectors``);
every rule is the service's (``certification.services.issue_copy``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.backoffice.acting import acting_of, official_required
from motcua.backoffice.certification_forms import CertifiedCopyForm
from motcua.certification import export, selectors, services
from motcua.certification.selectors import CERTIFYING_ROLES
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.serving import file_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _forbidden(request: HttpRequest) -> HttpResponse:
    reason = _(
        "Chỉ UBND cấp xã và tổ chức hành nghề công chứng chứng thực bản sao; cơ quan hiện tại không làm việc này."
    )
    return render(request, "backoffice/forbidden.html", {"acting": acting_of(request), "reason": reason}, status=403)


def _field_errors(form: CertifiedCopyForm, error: DomainError) -> None:
    placed = False
    for name, messages_ in error.fields.items():
        if name in form.fields:
            for message in messages_ or [error.message]:
                form.add_error(name, message)
            placed = True
    if not placed:
        form.add_error(None, error.message)


@official_required(roles=CERTIFYING_ROLES)
def issue_view(request: HttpRequest) -> HttpResponse:
    acting = acting_of(request)
    if not selectors.certifies(acting.agency):
        return _forbidden(request)
    form = CertifiedCopyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.issue_copy(
                services.CopyRequest(
                    citizen_name=data["citizen_name"],
                    citizen_id_number=data["citizen_id_number"],
                    citizen_phone=data["citizen_phone"],
                    document_name=data["document_name"],
                    document_issuer=data["document_issuer"],
                    files=data["files"],
                    original_checked=data["original_checked"],
                    certifier_title=data["certifier_title"],
                ),
                agency=acting.agency,
                actor=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            _field_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã cấp bản sao điện tử số %(number)s, quyển số %(book)s.")
                % {"number": f"{issued.number:02d}", "book": issued.book},
            )
            return redirect("backoffice:certification_register")
    recent = list(selectors.register(acting.agency, timezone.localdate().year).order_by("-number")[:5])
    context = {"section": "certification", "form": form, "recent": recent}
    return render(request, "backoffice/certification/issue.html", context, status=400 if form.errors else 200)


def _year(raw: Any) -> int | None:
    today = timezone.localdate().year
    if not raw:
        return today
    text = str(raw).strip()
    return int(text) if text.isdigit() and 2000 <= int(text) <= today + 1 else None


@official_required(roles=CERTIFYING_ROLES)
def register_view(request: HttpRequest) -> HttpResponse:
    acting = acting_of(request)
    if not selectors.certifies(acting.agency):
        return _forbidden(request)
    year = _year(request.GET.get("nam"))
    if year is None:
        context: dict[str, Any] = {
            "section": "certification",
            "year": None,
            "rows": [],
            "error": _("Năm không hợp lệ."),
        }
        return render(request, "backoffice/certification/register.html", context, status=400)
    rows = list(selectors.register(acting.agency, year))
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(export.register_xlsx(acting.agency, year, rows), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="so-chung-thuc-ban-sao-{year}.xlsx"'
        return response
    context = {"section": "certification", "year": year, "rows": rows, "error": ""}
    return render(request, "backoffice/certification/register.html", context)


@official_required(roles=CERTIFYING_ROLES)
def copy_view(request: HttpRequest, copy_id: int) -> HttpResponseBase:
    acting = acting_of(request)
    try:
        certified = selectors.copy_in_agency(acting.agency, copy_id)
    except NotFound:
        raise Http404 from None
    return file_response(certified.signed.file, name=certified.signed.name, inline=True)
