"""Public catalogue pages: find a procedure (no diacritics needed) and read everything needed before coming."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from motcua.catalogue import selectors
from motcua.catalogue.constants import Channel, OnlineLevel, ProcedureStatus
from motcua.catalogue.diagram import process_stages, process_svg
from motcua.catalogue.models import Component, ProcedureVersion, Sector
from motcua.catalogue.search import SearchFilters, search_procedures, suggestions
from motcua.core.exceptions import NotFound
from motcua.core.serving import file_response
from motcua.core.text import is_code_shaped
from motcua.organisations.models import Agency, UnitLevel
from motcua.payments.money import format_vnd

PAGE_SIZE = 20
MAX_QUERY = 200


def _time_text(value: Any, unit: str) -> str:
    if not unit:
        return ""
    if unit == "same_day":
        return "Trong ngày"
    number = format(value.normalize(), "f").replace(".", ",") if value is not None else ""
    return f"{number} {'giờ làm việc' if unit == 'working_hours' else 'ngày làm việc'}"


def _filter_choices() -> dict[str, Any]:
    today = timezone.localdate()
    in_force = ProcedureVersion.objects.in_force(today).filter(procedure__status=ProcedureStatus.ACTIVE)
    return {
        "sectors": Sector.objects.filter(procedures__status=ProcedureStatus.ACTIVE).distinct().order_by("name"),
        "levels": [(UnitLevel.PROVINCE, "Cấp tỉnh"), (UnitLevel.COMMUNE, "Cấp xã")],
        "online_levels": OnlineLevel.choices,
        "agencies": Agency.objects.filter(competent_for_versions__in=in_force).distinct().order_by("name"),
    }


def catalogue(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "")[:MAX_QUERY].strip()
    filters = SearchFilters.from_mapping(request.GET)
    results = search_procedures(query, filters=filters, limit=500)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    prefetch_related_objects(
        list(page.object_list),
        Prefetch("versions", queryset=ProcedureVersion.objects.in_force(today), to_attr="current_versions"),
    )
    rows = []
    for procedure in page.object_list:
        version = procedure.current_versions[0] if procedure.current_versions else None
        rows.append(
            {
                "procedure": procedure,
                "version": version,
                "time": _time_text(*selectors.effective_time(version)) if version else "",
            }
        )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/catalogue/list.html",
        {
            "query": query,
            "filters": filters,
            "page": page,
            "rows": rows,
            "querystring": params.urlencode(),
            "suggestions": suggestions(query, filters=filters) if query and not rows else [],
            "filtered": bool(
                query or any([filters.sector, filters.level, filters.agency, filters.online_level, filters.at_centre])
            ),
            **_filter_choices(),
        },
    )


def _submission_url(code: str) -> str:
    try:
        return reverse("portal:submission_start", args=[code])
    except NoReverseMatch:  # the online submission pages are not installed
        return ""


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        procedure = selectors.get_procedure_by_code(code)
        version = selectors.version_detail(selectors.version_in_force(procedure, timezone.localdate()).pk)
    except NotFound:
        raise Http404("Không tìm thấy thủ tục.") from None
    process = selectors.process_for(version, None)
    steps = list(process.steps.all()) if process else []
    now = timezone.now()
    legal = _time_text(version.legal_time_value, version.legal_time_unit)
    reduced = _time_text(version.reduced_time_value, version.reduced_time_unit)
    return render(
        request,
        "portal/catalogue/detail.html",
        {
            "procedure": procedure,
            "version": version,
            "fees": [
                {
                    "fee": f,
                    "amount": format_vnd(f.amount_vnd) or "Theo quy định hiện hành",
                    "channels": ", ".join(str(Channel(c).label).lower() for c in f.channels),
                }
                for f in version.fees.all()
            ],
            "components": version.components.all(),
            "groups": selectors.groups_of(procedure),
            "legal_time": legal,
            "reduced_time": reduced if reduced and reduced != legal else "",
            # No time limit published (information-only versions): no due moment to show.
            "expected_due": selectors.expected_due(version, now) if version.legal_time_unit else None,
            "now": now,
            "process": process,
            "steps": steps,
            # Safe: the SVG is built server-side and every text in it is XML-escaped (catalogue/diagram.py).
            "diagram": mark_safe(process_svg(steps, title=f"Quy trình xử lý: {procedure.name}")),  # noqa: S308
            "stages": process_stages(steps),
            "submission_url": _submission_url(procedure.code) if selectors.submittable_online(version) else "",
            "is_active": procedure.status == ProcedureStatus.ACTIVE,
        },
    )


def blank_form(request: HttpRequest, code: str, component_id: int) -> HttpResponseBase:
    """Download a blank form (mẫu đơn, tờ khai) of a component of the version in force."""
    if not is_code_shaped(code):
        raise Http404("Không tìm thấy thủ tục.")
    component = get_object_or_404(
        Component.objects.select_related("version__procedure"), pk=component_id, version__procedure__code=code
    )
    if not component.blank_form:
        raise Http404("Thành phần này không có mẫu đơn.")
    name = component.blank_form.name.rsplit("/", 1)[-1]
    # Public (blank forms are the catalogue's), but sent like any stored file: attachment, nosniff.
    return file_response(component.blank_form, name=name, inline=False)
