"""The operations centre (trung tâm điều hành): figures, rankings, the Decision 766 index, drill-downs.

Who sees what is ``operations.scope``: a page is refused (403 with the reason) to a role with no
scope, and an agency filter outside the caller's scope is refused too. Every number links to
``operations_dossiers`` with the figure's key and the same period and filters.
"""

from __future__ import annotations

from typing import Any

from django.db.models import DateTimeField, F, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.backoffice.acting import acting_of, official_required
from motcua.backoffice.inboxes import parse_filters
from motcua.backoffice.views.inbox import PAGE_SIZE, ROW_FIELDS, ROW_RELATED, CappedPaginator
from motcua.catalogue.models import Procedure, Sector
from motcua.core.exceptions import PermissionDenied
from motcua.dossiers.constants import OPEN_STATUSES, Channel, Satisfaction
from motcua.dossiers.selectors.inboxes import COUNT_CAP, filters_q
from motcua.operations import index766
from motcua.operations.bottlenecks import bottlenecks, late_at_step
from motcua.operations.dashboard import dashboard, window
from motcua.operations.evaluation_data import evaluate
from motcua.operations.export import LIST_CAP, dossier_list, workbook
from motcua.operations.figures import BY_KEY
from motcua.operations.offer import offer
from motcua.operations.query import Asked, QueryError, read
from motcua.operations.rankings import rankings
from motcua.operations.rates import on_time_rate
from motcua.operations.report import report
from motcua.operations.report_export import report_pdf, report_xlsx
from motcua.operations.scope import OpsScope, scope_of
from motcua.operations.selectors import DIMENSIONS, Filters, drill
from motcua.operations.step_times import step_times
from motcua.organisations.models import Agency, UnitLevel
from motcua.workdays.constants import VIETNAM_TZ

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The drill-down's orders (the inbox table's sortable columns).
ORDERS: dict[str, tuple[Any, ...]] = {
    "received": ("submitted_at", "pk"),
    "-received": ("-submitted_at", "-pk"),
    "due": (F("due_at").asc(nulls_last=True), "pk"),
    "-due": (F("due_at").desc(nulls_last=True), "-pk"),
}


# The counters of the "receiving and resolving" table, in reading order.
FLOW_KEYS = (
    "received",
    "received_counter",
    "received_online",
    "received_postal",
    "accepted",
    "refused",
    "withdrawn",
    "stopped",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress",
    "in_progress_within",
    "in_progress_overdue",
    "supplement_requested",
    "extended",
)
# Clicking a group of a breakdown opens the next level down: agency → procedure, sector → procedure…
NEXT_DIMENSION = {
    "agency": "procedure",
    "level": "agency",
    "sector": "procedure",
    "procedure": "agency",
    "channel": "agency",
}


def _forbidden(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "backoffice/forbidden.html", {"reason": reason}, status=403)


def _choices(scope: OpsScope) -> dict[str, Any]:
    agencies = Agency.objects.filter(is_active=True).order_by("level", "name")
    if scope.agency_ids is not None:
        agencies = agencies.filter(pk__in=scope.agency_ids)
    return {
        "agencies": list(agencies.values_list("pk", "name")),
        "levels": UnitLevel.choices,
        "sectors": list(Sector.objects.order_by("name").values_list("code", "name")),
        "procedures": list(Procedure.objects.order_by("name_folded").values_list("code", "name")[:500]),
        "channels": Channel.choices,
        "dimensions": [(k, v[0]) for k, v in DIMENSIONS.items()],
        "kinds": [("month", "Tháng"), ("quarter", "Quý"), ("year", "Năm"), ("custom", "Tùy chọn")],
    }


def _charts(board: Any) -> dict[str, Any]:
    """The charts' data (the tables beside them carry the same numbers)."""
    c = board.counts
    data = {
        "months": {
            "labels": [m["month"] for m in board.months],
            "series": [
                {"label": _("Tiếp nhận"), "data": [m["received"] for m in board.months]},
                {"label": _("Đã giải quyết"), "data": [m["resolved"] for m in board.months]},
                {"label": _("Quá hạn"), "data": [m["resolved_late"] for m in board.months]},
            ],
        },
        "channels": {
            "labels": [_("Trực tiếp"), _("Trực tuyến"), _("Bưu chính")],
            "data": [c["received_counter"], c["received_online"], c["received_postal"]],
        },
        "timing": {
            "labels": [_("Trước hạn"), _("Đúng hạn"), _("Quá hạn")],
            "data": [c["resolved_early"], c["resolved_on_time"], c["resolved_late"]],
        },
    }
    return data


def _asked(request: HttpRequest) -> Asked | HttpResponse:
    """The request's question, or the page refusing it (403 without a scope, 400 on bad input)."""
    acting = acting_of(request)
    scope = scope_of(acting.agency, acting.role)
    if scope is None:
        return _forbidden(request, _("Vai trò đang chọn không xem được số liệu điều hành."))
    try:
        return read(request.GET, scope, today=timezone.now().astimezone(VIETNAM_TZ).date())
    except QueryError as bad:
        return render(request, "backoffice/operations_error.html", {"errors": bad.errors}, status=400)
    except PermissionDenied as denied:
        return _forbidden(request, denied.message)


def _rows_with_links(asked: Asked, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each breakdown row with the query narrowing the page to it (and its on-time rate)."""
    out = []
    for row in rows:
        fields = dict(vars(asked.filters))
        agency = asked.agency
        if asked.dimension == "agency":
            agency = str(row["key"])
        else:
            fields[asked.dimension] = str(row["key"])
        narrowed = Asked(asked.scope, asked.period, Filters(**fields), asked.dimension, agency)
        query = narrowed.query(by=NEXT_DIMENSION[asked.dimension])
        out.append({**row, "query": query, "on_time": on_time_rate(row)})
    return out


@official_required()
def operations_view(request: HttpRequest) -> HttpResponse:
    asked = _asked(request)
    if isinstance(asked, HttpResponse):
        return asked
    now = timezone.now()
    board = dashboard(asked.scope, asked.period, asked.filters, now=now, dimension=asked.dimension)
    previous = window(asked.period.previous(), now)
    context = {
        "section": "operations",
        "board": board,
        "rows": _rows_with_links(asked, board.rows),
        "flow": [(key, BY_KEY[key].label, board.counts[key]) for key in FLOW_KEYS],
        "dimension_label": DIMENSIONS[asked.dimension][0],
        "satisfaction_levels": Satisfaction.choices,
        "ranked": rankings(
            asked.scope,
            window(asked.period, now),
            previous,
            asked.filters,
            by_agency=board.rows if asked.dimension == "agency" else None,
        ),
        "charts": _charts(board),
        # Per procedure only: across every procedure of a province the steps' scan costs seconds at 100k.
        "steps": bottlenecks(asked.scope, window(asked.period, now), asked.filters)
        if asked.filters.procedure
        else None,
        "offer": offer(asked.scope, min(asked.period.last_day, now.astimezone(VIETNAM_TZ).date())),
        "step_times": step_times(asked.scope, window(asked.period, now), asked.filters)
        if asked.filters.procedure
        else None,
        "query": asked.query(),
        "band": index766.band(board.index.on_known_scale),
        "wall": request.GET.get("wall") == "1",
        "selected": {"agency": asked.agency, "by": asked.dimension, **asked.period.query(), **asked.filters.query()},
        **_choices(asked.scope),
    }
    return render(request, "backoffice/operations.html", context)


@official_required()
def operations_index_view(request: HttpRequest) -> HttpResponse:
    """The Decision 766 index of the scope: groups, sub-indicators, formulas, data and lost points."""
    asked = _asked(request)
    if isinstance(asked, HttpResponse):
        return asked
    board = dashboard(asked.scope, asked.period, asked.filters, now=timezone.now(), dimension="procedure")
    losing = sorted(
        (r for r in board.rows if r["resolved_late"] or r["in_progress_overdue"]),
        key=lambda r: -(r["resolved_late"] + r["in_progress_overdue"]),
    )[:15]
    context = {
        "section": "operations",
        "board": board,
        "band": index766.band(board.index.on_known_scale),
        "losing": losing,
        "query": asked.query(),
    }
    return render(request, "backoffice/operations_index.html", context)


def _step_asked(request: HttpRequest, asked: Asked) -> int | HttpResponse | None:
    """The bottleneck step a drill-down narrows to (``step=<order>``, with a procedure), if any."""
    raw = request.GET.get("step", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not asked.filters.procedure:
        errors = {"step": "Bước xử lý không hợp lệ: chọn một thủ tục và số thứ tự bước."}
        return render(request, "backoffice/operations_error.html", {"errors": errors}, status=400)
    return int(raw)


@official_required()
def operations_evaluation_view(request: HttpRequest) -> HttpResponse:
    """The Circular 01/2018 evaluation of the scope and period: nine indicators, the total and grade."""
    asked = _asked(request)
    if isinstance(asked, HttpResponse):
        return asked
    context = {
        "section": "operations",
        "scope_label": asked.scope.label,
        "period": asked.period,
        "evaluation": evaluate(asked.scope, window(asked.period, timezone.now()), asked.filters),
        "query": asked.query(),
    }
    return render(request, "backoffice/operations_evaluation.html", context)


@official_required()
def operations_dossiers_view(request: HttpRequest) -> HttpResponse:
    """The dossiers behind one figure, in the inbox's table (same columns, search and paging)."""
    asked = _asked(request)
    if isinstance(asked, HttpResponse):
        return asked
    key = request.GET.get("figure", "")
    if key not in BY_KEY:
        errors = {"figure": "Chỉ tiêu không hợp lệ."}
        return render(request, "backoffice/operations_error.html", {"errors": errors}, status=400)
    now = timezone.now()
    search, errors = parse_filters({"q": request.GET.get("q", ""), "sort": request.GET.get("sort", "-received")})
    step = _step_asked(request, asked)
    if isinstance(step, HttpResponse):
        return step
    if step is None:
        rows = drill(asked.scope, window(asked.period, now), asked.filters, key)
    else:
        rows = late_at_step(asked.scope, window(asked.period, now), asked.filters, step)
    rows = rows.filter(filters_q(search))
    # The table's "step due" column: no step context in a drill-down.
    rows = rows.annotate(step_due_at=Value(None, output_field=DateTimeField()))
    rows = rows.select_related(*ROW_RELATED).only(*ROW_FIELDS).order_by(*ORDERS.get(search.sort, ORDERS["-received"]))
    if request.GET.get("xlsx") == "1":
        title = f"{BY_KEY[key].label} · {asked.scope.label} · {asked.period.label}"
        response = HttpResponse(dossier_list(title, rows.iterator(chunk_size=2000)), content_type=XLSX)
        name = f"ho-so-{key}-{asked.period.first_day:%Y%m%d}-{asked.period.last_day:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = {
        "section": "operations",
        "figure": BY_KEY[key],
        "step": step,
        "scope_label": asked.scope.label,
        "period": asked.period,
        "page": CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": search,
        "errors": errors,
        "tab_label": BY_KEY[key].label,
        "now": now,
        "soon": now,
        "open_statuses": sorted(OPEN_STATUSES),
        "count_cap": f"{COUNT_CAP:,}".replace(",", "."),
        "back": asked.query(),
        "list_cap": f"{LIST_CAP:,}".replace(",", "."),
    }
    return render(request, "backoffice/operations_dossiers.html", context)


@official_required()
def operations_export_view(request: HttpRequest) -> HttpResponse:
    """The page's tables as an .xlsx workbook (same scope, period and filters)."""
    asked = _asked(request)
    if isinstance(asked, HttpResponse):
        return asked
    now = timezone.now()
    board = dashboard(asked.scope, asked.period, asked.filters, now=now, dimension=asked.dimension)
    previous = window(asked.period.previous(), now)
    by_agency = board.rows if asked.dimension == "agency" else None
    ranked = rankings(asked.scope, window(asked.period, now), previous, asked.filters, by_agency=by_agency)
    current = window(asked.period, now)
    per_procedure = bool(asked.filters.procedure)
    book = workbook(
        board,
        ranked,
        evaluation=evaluate(asked.scope, current, asked.filters),
        steps=bottlenecks(asked.scope, current, asked.filters) if per_procedure else None,
        times=step_times(asked.scope, current, asked.filters) if per_procedure else None,
    )
    response = HttpResponse(book, content_type=XLSX)
    name = f"so-lieu-dieu-hanh-{asked.period.first_day:%Y%m%d}-{asked.period.last_day:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@official_required()
def operations_report_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The periodic report on procedure handling (same scope, period and filters) as .xlsx or PDF,
    issued under the heading of the agency the official acts for."""
    asked = _asked(request)
    if isinstance(asked, HttpResponse):
        return asked
    built = report(asked.scope, window(asked.period, timezone.now()), asked.filters)
    agency = acting_of(request).agency
    name = f"bao-cao-giai-quyet-tthc-{asked.period.first_day:%Y%m%d}-{asked.period.last_day:%Y%m%d}.{fmt}"
    if fmt == "pdf":
        response = HttpResponse(report_pdf(built, agency), content_type="application/pdf")
    else:
        response = HttpResponse(report_xlsx(built, agency), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
