"""Counter intake in one screen: procedure, applicant, components received, due moment, decision.

Without JavaScript the page works in two round trips (search → choose the procedure → fill in and
decide); with htmx the search, the applicant lookup and the due-moment preview update in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import Applicant
from motcua.accounts.roles import ONE_STOP
from motcua.backoffice.acting import acting_of, official_required
from motcua.backoffice.errors import apply_domain_error
from motcua.backoffice.forms import ApplicantForm, IntakeForm
from motcua.catalogue.constants import Channel, ComponentKind
from motcua.catalogue.models import Component, Procedure, ProcedureVersion
from motcua.catalogue.search import search_procedures
from motcua.catalogue.selectors import effective_time, fees_due_for, groups_of, version_in_force
from motcua.core.exceptions import DomainError
from motcua.core.text import is_code_shaped
from motcua.dossiers import deadlines
from motcua.dossiers.services.applicants import ApplicantData
from motcua.dossiers.services.intake import ComponentData, IntakeRequest, receive_dossier

MAX_RESULTS = 15


@dataclass
class ComponentRow:
    """A line of the checklist as shown on the page: the catalogue component and what was ticked."""

    component: Component
    received: bool
    kind: str
    copies: int
    pages: int
    error: str = ""

    @property
    def prefix(self) -> str:
        return f"comp-{self.component.pk}"


def _procedure(code: str) -> tuple[Procedure, ProcedureVersion] | None:
    wanted = code.strip()
    if not is_code_shaped(wanted):
        return None
    procedure = Procedure.objects.select_related("sector").filter(code=wanted).first()
    if procedure is None:
        return None
    try:
        version = version_in_force(procedure, timezone.localdate())
    except DomainError:
        return None
    version.procedure = procedure  # the templates read it: no second query
    return procedure, version


def _due_preview(version: ProcedureVersion, now: datetime) -> datetime | None:
    value, unit = effective_time(version)
    if not unit:
        return None
    return deadlines.dossier_due(deadlines.calendar(), now, value, unit)


def component_rows(request: HttpRequest, components: list[Component]) -> list[ComponentRow]:
    """The checklist: from the POST when deciding, all unticked on a fresh page."""
    rows = []
    posted = request.method == "POST"
    for component in components:
        prefix = f"comp-{component.pk}"
        row = ComponentRow(
            component=component,
            received=posted and request.POST.get(f"{prefix}-received") == "on",
            kind=request.POST.get(f"{prefix}-kind", component.kind) if posted else component.kind,
            copies=component.copies,
            pages=0,
        )
        if posted:
            try:
                row.copies = max(int(request.POST.get(f"{prefix}-copies") or component.copies), 1)
                row.pages = max(int(request.POST.get(f"{prefix}-pages") or 0), 0)
            except ValueError:
                row.error = _("Số bản và số trang phải là số nguyên.")
            if row.kind not in ComponentKind.values:
                row.error = _("Loại bản không hợp lệ.")
        rows.append(row)
    return rows


def component_data(request: HttpRequest, rows: list[ComponentRow]) -> list[ComponentData]:
    return [
        ComponentData(
            component_id=row.component.pk,
            kind=row.kind,
            copies=row.copies,
            page_count=row.pages,
            files=request.FILES.getlist(f"{row.prefix}-files"),
        )
        for row in rows
        if row.received
    ]


def _missing_items(form: IntakeForm, rows: list[ComponentRow]) -> list[str]:
    """Every item to supplement at once: unticked mandatory components plus what the officer typed."""
    items = [row.component.name for row in rows if row.component.mandatory and not row.received]
    typed = form.cleaned_data.get("supplement_items") or ""
    items += [line.strip() for line in typed.splitlines() if line.strip()]
    return items


@official_required(roles=ONE_STOP)
def intake_view(request: HttpRequest) -> HttpResponse:
    acting = acting_of(request)
    code = (request.POST.get("procedure") or request.GET.get("procedure") or "").strip()
    chosen = _procedure(code) if code else None
    query = request.GET.get("q", "").strip()
    context: dict[str, Any] = {"section": "intake", "q": query}
    if chosen is None:
        if code:
            messages.error(request, _("Không tìm thấy thủ tục đang áp dụng có mã %(code)s.") % {"code": code})
        context["results"] = list(search_procedures(query, limit=MAX_RESULTS)) if query else []
        return render(request, "backoffice/intake.html", context)

    procedure, version = chosen
    components = list(version.components.order_by("order", "pk"))
    competent = list(version.competent_agencies.filter(is_active=True))
    rows = component_rows(request, components)
    initial, found = _applicant_initial(request)
    applicant_form = ApplicantForm(request.POST or None, prefix="applicant", initial=initial)
    if found is not None and request.method != "POST":
        mark_prefilled(applicant_form, found)
    form = IntakeForm(request.POST or None, competent=competent)
    if request.method == "POST":
        response = _decide(request, form, applicant_form, procedure, rows)
        if response is not None:
            return response
    context.update(
        procedure=procedure,
        version=version,
        rows=rows,
        kinds=ComponentKind.choices,
        fees=fees_due_for(version.pk, Channel.COUNTER),
        competent=competent,
        groups=groups_of(procedure),
        form=form,
        applicant_form=applicant_form,
        due_at=_due_preview(version, now := timezone.now()),
        request_now=now,
        agency=acting.agency,
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/intake.html", context, status=status)


def _decide(
    request: HttpRequest,
    form: IntakeForm,
    applicant_form: ApplicantForm,
    procedure: Procedure,
    rows: list[ComponentRow],
) -> HttpResponse | None:
    """Validate and call the engine; a response on success, ``None`` to show the page with errors."""
    rows_ok = not any(row.error for row in rows)
    if not (form.is_valid() and applicant_form.is_valid() and rows_ok):
        _remind_files(request, form)
        return None
    decision = form.cleaned_data["decision"]
    items = _missing_items(form, rows) if decision == "request_supplement" else []
    # "Accept needs every mandatory component" is the service's rule (every channel obeys it).
    applicant = ApplicantData(**applicant_form.cleaned_data)
    try:
        intake = IntakeRequest(
            receiving_agency=acting_of(request).agency,
            procedure=procedure,
            applicant=applicant,
            components=component_data(request, rows),
            channel=form.cleaned_data["channel"],
            postal_shipment_number=form.cleaned_data["postal_shipment_number"],
            payment_method=form.cleaned_data["payment_method"],
            fees_paid=form.cleaned_data["fees_paid"],
            fee_exemption=form.cleaned_data["fee_exemption"],
            result_delivery=form.cleaned_data["result_delivery"],
            delivery_address=form.cleaned_data["delivery_address"],
            competent_agency=form.cleaned_data.get("competent_agency"),
            decision=decision,
            supplement_items=items,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        dossier = receive_dossier(intake, actor=request.user)  # type: ignore[arg-type]
    except DomainError as error:
        apply_domain_error(error, form, applicant_form)
        _remind_files(request, form)
        return None
    form_no = {"accept": "01", "request_supplement": "02", "refuse": "03"}[decision]
    labels = {
        "01": _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        "02": _("Phiếu yêu cầu bổ sung"),
        "03": _("Phiếu từ chối"),
    }
    messages.success(
        request,
        _("Đã ghi nhận hồ sơ %(code)s. In %(form)s (Mẫu %(no)s) cho người nộp.")
        % {"code": dossier.code, "form": labels[form_no], "no": form_no},
    )
    return redirect(f"{reverse('backoffice:dossier', kwargs={'code': dossier.code})}?in-mau={form_no}")


def _remind_files(request: HttpRequest, form: IntakeForm) -> None:
    # Browsers never refill file inputs: say so rather than let scans go missing silently.
    if request.FILES:
        form.add_error(None, _("Các tệp bản quét đã chọn cần được chọn lại trước khi gửi."))


def _applicant_initial(request: HttpRequest) -> tuple[dict[str, Any], Applicant | None]:
    """Prefill from a known applicant when the page is opened with ``?id_number=``."""
    number = request.GET.get("id_number", "").strip()
    if not number:
        return {}, None
    person = Applicant.objects.filter(id_number=number).order_by("pk").first()
    return (_applicant_fields(person), person) if person else ({"id_number": number}, None)


# Contact data copied from the register: it belongs to the identity looked up, nobody else's.
PREFILLED_CONTACT = ("phone", "email", "address")


def mark_prefilled(form: ApplicantForm, person: Applicant) -> None:
    """Tag the contact fields filled from ``person`` so the page clears them when the identity
    number is changed afterwards (backoffice.js); the service refuses a contact of another identity
    in any case."""
    form.prefilled_for = person.id_number  # type: ignore[attr-defined]
    for name in PREFILLED_CONTACT:
        if getattr(person, name):
            form.fields[name].widget.attrs["data-prefilled"] = ""


def _applicant_fields(person: Applicant) -> dict[str, Any]:
    return {
        "kind": person.kind,
        "full_name": person.full_name,
        "id_number": person.id_number,
        "tax_code": person.tax_code,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
    }


@official_required(roles=ONE_STOP)
def procedure_search_partial(request: HttpRequest) -> HttpResponse:
    """htmx: procedures matching the typed words, diacritics ignored."""
    query = request.GET.get("q", "").strip()
    results = list(search_procedures(query, limit=MAX_RESULTS)) if len(query) >= 2 else []
    return render(request, "backoffice/partials/procedure_results.html", {"results": results, "q": query})


@official_required(roles=ONE_STOP)
def applicant_lookup_partial(request: HttpRequest) -> HttpResponse:
    """htmx: the applicant fieldset, filled from the register when the ID number is known."""
    number = "".join(request.GET.get("applicant-id_number", "").split())
    person = Applicant.objects.filter(id_number=number).order_by("pk").first() if len(number) == 12 else None
    initial = _applicant_fields(person) if person else {"id_number": number}
    form = ApplicantForm(prefix="applicant", initial=initial)
    if person is not None:
        mark_prefilled(form, person)
    return render(request, "backoffice/partials/applicant_fields.html", {"applicant_form": form, "found": person})


@official_required(roles=ONE_STOP)
def due_preview_partial(request: HttpRequest) -> HttpResponse:
    """htmx: the due moment if the dossier were accepted now (refreshed before accepting)."""
    chosen = _procedure(request.GET.get("procedure", ""))
    if chosen is None:
        raise Http404("Không tìm thấy thủ tục.")
    _procedure_obj, version = chosen
    now = timezone.now()
    context = {"version": version, "due_at": _due_preview(version, now), "now": now}
    return render(request, "backoffice/partials/due_preview.html", context)
