"""Official documents in the back office: the incoming and outgoing registers, one document's page with
the actions of the reader's role, receiving, drafting, edXML packages, the deadlines list and the .xlsx
registers. Thin: forms, then ``records``' services; the acting agency and role scope everything."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.backoffice.acting import acting_of, official_required
from motcua.backoffice.document_forms import DraftForm, PackageForm, ReceiveForm, action_form
from motcua.core.exceptions import DomainError
from motcua.core.serving import file_response
from motcua.records import actors, delivery, incoming, outgoing, selectors, workflow
from motcua.records.doctypes import abbreviation, suggested_notation
from motcua.records.export import register_xlsx
from motcua.records.models import DeliveryStatus, Direction, DocumentRegister, IncomingStatus, OutgoingStatus, Urgency

ROLES = actors.DOCUMENT_ROLES
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_LIMIT = 200


def _scope(request: HttpRequest) -> tuple[Any, str]:
    acting = acting_of(request)
    return acting.agency, acting.role


def _filters(request: HttpRequest) -> selectors.Filters:
    year = request.GET.get("nam", "")
    return selectors.Filters(
        status=request.GET.get("trang_thai", ""),
        year=int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
        q=request.GET.get("q", "")[:100],
        urgency=request.GET.get("do_khan", "") if request.GET.get("do_khan", "") in Urgency.values else "",
    )


def _base(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    agency, role = _scope(request)
    return {
        "section": "documents",
        "is_clerk": role in actors.CLERK_ROLES and actors.home_agency(agency).pk == agency.pk,
        "may_draft": role in actors.HANDLER_ROLES,
        "sees_all": actors.sees_whole_agency(agency, role),
        "urgencies": Urgency.choices,
        **extra,
    }


@official_required(roles=ROLES)
def incoming_list_view(request: HttpRequest) -> HttpResponse:
    agency, role = _scope(request)
    filters = _filters(request)
    rows = selectors.incoming_list(agency, role, filters)[:LIST_LIMIT]
    context = _base(
        request,
        rows=rows,
        filters=filters,
        statuses=IncomingStatus.choices,
        years=selectors.register_years(agency),
        queue=selectors.arrived_queue(agency, role)[:50] if not filters.status else [],
    )
    return render(request, "backoffice/documents/incoming_list.html", context)


@official_required(roles=ROLES)
def outgoing_list_view(request: HttpRequest) -> HttpResponse:
    agency, role = _scope(request)
    filters = _filters(request)
    rows = selectors.outgoing_list(agency, role, filters)[:LIST_LIMIT]
    context = _base(
        request, rows=rows, filters=filters, statuses=OutgoingStatus.choices, years=selectors.register_years(agency)
    )
    return render(request, "backoffice/documents/outgoing_list.html", context)


@official_required(roles=ROLES)
def deadlines_view(request: HttpRequest) -> HttpResponse:
    agency, role = _scope(request)
    lists = selectors.deadlines(agency, role, timezone.now())
    return render(request, "backoffice/documents/deadlines.html", _base(request, lists=lists))


def _errors_to(form: Any, error: DomainError) -> None:
    for field, texts in error.fields.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)
    if not error.fields:
        form.add_error(None, error.message)


def _read(upload: Any) -> tuple[str, bytes]:
    return upload.name, upload.read()


@official_required(roles=actors.CLERK_ROLES)
def receive_view(request: HttpRequest) -> HttpResponse:
    agency, _role = _scope(request)
    form = ReceiveForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        files = [_read(data["main_file"])] + ([_read(data["attachment"])] if data.get("attachment") else [])
        record = incoming.IncomingData(
            sender=data["sender"],
            number_notation=data["number_notation"],
            document_type=data["document_type"],
            document_date=data["document_date"],
            summary=data["summary"],
            signer=data["signer"],
            urgency=data["urgency"],
            pages=data["pages"],
            dossier_code=data["dossier_code"],
            files=files,
        )
        try:
            document = incoming.receive(
                agency,
                record,
                source=data["source"],
                actor=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
                accept_duplicate=data["accept_duplicate"],
            )
        except DomainError as error:
            _errors_to(form, error)
        else:
            number = document.entry.number if document.entry else ""
            messages.success(request, _("Đã vào sổ văn bản đến, số đến %(number)s.") % {"number": number})
            return redirect("backoffice:document_incoming", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/documents/receive.html", _base(request, form=form), status=status)


@official_required(roles=actors.CLERK_ROLES)
def package_view(request: HttpRequest) -> HttpResponse:
    agency, _role = _scope(request)
    form = PackageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["package"]
        try:
            if upload.size > 30 * 1024 * 1024:
                raise DomainError("Gói tin vượt quá 30 MB.", code="file_too_large")
            result = delivery.receive_package(agency, upload.read(), actor=request.user, now=timezone.now())  # type: ignore[arg-type]
        except DomainError as error:
            _errors_to(form, error)
        else:
            if isinstance(result, DeliveryStatus):
                messages.success(request, _("Đã cập nhật trạng thái văn bản đi: %(s)s.") % {"s": result.description})
                return redirect("backoffice:document_outgoing", pk=result.outgoing_id)
            messages.success(request, _("Đã nhận gói tin: văn bản chờ vào sổ."))
            return redirect("backoffice:document_incoming", pk=result.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/documents/package.html", _base(request, form=form), status=status)


def _incoming(request: HttpRequest, pk: int) -> Any:
    agency, role = _scope(request)
    document = selectors.incoming_for(agency, role, pk)
    if document is None:
        raise Http404("Không tìm thấy văn bản đến.")
    return document


def _outgoing(request: HttpRequest, pk: int) -> Any:
    agency, role = _scope(request)
    document = selectors.outgoing_for(agency, role, pk)
    if document is None:
        raise Http404("Không tìm thấy văn bản đi.")
    return document


def _page(request: HttpRequest, kind: str, document: Any, bound: dict[str, Any] | None = None, status: int = 200):
    bound = bound or {}
    panels = [
        {
            "name": name,
            "label": workflow.table(kind)[name].label,
            "form": bound.get(name) or action_form(kind, name, document),
        }
        for name in selectors.actions_for(request.user, document)
    ]
    context = _base(
        request,
        document=document,
        kind=kind,
        panels=panels,
        history=selectors.history(document),
        files=document.files.filter(superseded=False),
        late=kind == "incoming"
        and document.status in selectors.HANDLING
        and document.due_at is not None
        and document.due_at < timezone.now(),
    )
    if kind == "outgoing":
        context["statuses"] = document.statuses.all()
    return render(request, f"backoffice/documents/{kind}.html", context, status=status)


@official_required(roles=ROLES)
def incoming_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, "incoming", _incoming(request, pk))


@official_required(roles=ROLES)
def outgoing_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, "outgoing", _outgoing(request, pk))


def _act(request: HttpRequest, kind: str, document: Any, action: str) -> HttpResponse:
    if action not in workflow.table(kind) or workflow.table(kind)[action].actor == workflow.SYSTEM:
        raise Http404("Không có thao tác này.")
    form = action_form(kind, action, document, data=request.POST)
    if form.is_valid():
        service = incoming if kind == "incoming" else outgoing
        try:
            service.perform(action, document, actor=request.user, now=timezone.now(), data=form.cleaned_data)
        except DomainError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": workflow.table(kind)[action].label})
            return redirect(f"backoffice:document_{kind}", pk=document.pk)
    return _page(request, kind, document, {action: form}, status=400)


@require_POST
@official_required(roles=ROLES)
def incoming_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return _act(request, "incoming", _incoming(request, pk), action)


@require_POST
@official_required(roles=ROLES)
def outgoing_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return _act(request, "outgoing", _outgoing(request, pk), action)


def _file(document: Any, file_id: int) -> HttpResponseBase:
    row = document.files.filter(pk=file_id).first()
    if row is None:
        raise Http404("Không tìm thấy tệp.")
    return file_response(row.file, name=row.name)


@official_required(roles=ROLES)
def incoming_file_view(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    return _file(_incoming(request, pk), file_id)


@official_required(roles=ROLES)
def outgoing_file_view(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    return _file(_outgoing(request, pk), file_id)


@official_required(roles=ROLES)
def outgoing_edxml_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = _outgoing(request, pk)
    if document.status != OutgoingStatus.ISSUED:
        raise Http404("Văn bản chưa phát hành.")
    response = HttpResponse(delivery.export(document, now=timezone.now()), content_type="application/xml")
    name = (document.entry.number_notation if document.entry else str(pk)).replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="edxml-{name}.xml"'
    return response


@official_required(roles=actors.HANDLER_ROLES)
def draft_view(request: HttpRequest) -> HttpResponse:
    unit, _role = _scope(request)
    home = actors.home_agency(unit)
    initial = {
        "notation": suggested_notation(
            "Công văn", abbreviation(home.name, home.kind), abbreviation(unit.name, unit.kind) if unit != home else ""
        )
    }
    form = DraftForm(request.POST or None, request.FILES or None, agency=home, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = outgoing.Draft(
            document_type=data["document_type"],
            notation=data["notation"],
            summary=data["summary"],
            main=_read(data["main_file"]),
            attachments=[_read(data["attachment"])] if data.get("attachment") else [],
            urgency=data["urgency"],
            internal_recipients=list(data["internal_recipients"]),
            external_recipients=data["external_recipients"],
            dossier_code=data["dossier_code"],
        )
        try:
            document = outgoing.create_draft(unit, draft, actor=request.user, now=timezone.now())  # type: ignore[arg-type]
        except DomainError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Đã tạo dự thảo văn bản."))
            return redirect("backoffice:document_outgoing", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/documents/draft.html", _base(request, form=form), status=status)


@official_required(roles=actors.WHOLE_AGENCY_ROLES)
def register_export_view(request: HttpRequest, direction: str, year: int) -> HttpResponse:
    agency, role = _scope(request)
    if direction not in ("den", "di") or not actors.sees_whole_agency(agency, role):
        raise Http404("Không có sổ này.")
    wanted = Direction.INCOMING if direction == "den" else Direction.OUTGOING
    register = DocumentRegister.objects.filter(agency=agency, direction=wanted).order_by("pk").first()
    if register is None:
        raise Http404("Cơ quan chưa có sổ này.")
    response = HttpResponse(register_xlsx(register, year), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="so-van-ban-{direction}-{year}.xlsx"'
    return response
