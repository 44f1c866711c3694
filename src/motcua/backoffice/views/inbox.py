"""The inbox page: one tab per inbox of the acting role, with counts, filters, search and paging."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property

from motcua.backoffice import inboxes
from motcua.backoffice.acting import acting_of, official_required
from motcua.catalogue.constants import ProcedureStatus
from motcua.catalogue.models import Procedure, Sector
from motcua.dossiers import deadlines
from motcua.dossiers.constants import OPEN_STATUSES, Channel, Status

PAGE_SIZE = 25
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_CAP`` + 1 rows: "more than 10.000" is all a person needs to know,
    and counting an agency's whole history on every page view would grow with the years."""

    @cached_property
    def count(self) -> int:
        return self.object_list[: COUNT_CAP + 1].count()  # type: ignore[attr-defined]

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


@official_required()
def inbox_view(request: HttpRequest) -> HttpResponse:
    acting = acting_of(request)
    boxes = inboxes.inboxes_for(acting.role)
    default = inboxes.DEFAULT_BOX.get(acting.role, boxes[0].key if boxes else "all")
    key = request.GET.get("tab") or default
    if key not in {box.key for box in boxes}:
        key = default
    scope = inboxes.scope_for(acting.agency.pk, acting.role, acting.membership.user_id, deadlines.calendar())
    filters, errors = inboxes.Filters.parse(request.GET)
    counts = inboxes.counts(scope)
    page = CappedPaginator(inboxes.listing(scope, key, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "section": "inbox",
        "tabs": [(box, counts.get(box.key)) for box in boxes],
        "tab": key,
        "tab_label": inboxes.BY_KEY[key].label,
        "step_box": key in inboxes.STEP_BOXES,
        "page": page,
        "filters": filters,
        "errors": errors,
        "now": scope.now,
        "open_statuses": sorted(OPEN_STATUSES),
        "count_cap": f"{COUNT_CAP:,}".replace(",", "."),
        "soon": scope.soon,
        "statuses": [(value, label) for value, label in Status.choices if value != Status.DRAFT],
        "channels": Channel.choices,
        "sectors": list(Sector.objects.order_by("name").values_list("code", "name")),
        "procedures": _procedure_choices(acting.agency.pk, acting.role),
    }
    template = "backoffice/partials/inbox_table.html" if request.headers.get("HX-Request") else "backoffice/inbox.html"
    return render(request, template, context)


def _procedure_choices(agency_id: int, role: str) -> list[tuple[str, str]]:
    """Procedures of the agency's competence; a one-stop unit receives any procedure of the province."""
    procedures = Procedure.objects.filter(status=ProcedureStatus.ACTIVE)
    if role != inboxes.ONE_STOP:
        procedures = procedures.filter(versions__competent_agencies__id=agency_id).distinct()
    return list(procedures.order_by("name_folded").values_list("code", "name"))
