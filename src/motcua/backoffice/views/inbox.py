"""The inbox page: one tab per inbox of the acting role, with counts, filters, search and paging."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import cached_property

from motcua.accounts.models import Role
from motcua.accounts.roles import ONE_STOP
from motcua.backoffice.acting import acting_of, official_required, request_calendar
from motcua.backoffice.inboxes import parse_filters
from motcua.backoffice.landing import admin_links
from motcua.catalogue.constants import ProcedureStatus
from motcua.catalogue.models import Procedure, Sector
from motcua.dossiers.constants import OPEN_STATUSES, Channel, Status
from motcua.dossiers.selectors.inboxes import (
    BY_KEY,
    COUNT_CAP,
    DEFAULT_BOX,
    STEP_BOXES,
    boxes_for,
    counts,
    scope_for,
)
from motcua.dossiers.selectors.step_rows import box_rows, capped_count

PAGE_SIZE = 25
# What the table shows: the rest of the dossier row stays in the database.
ROW_FIELDS = (
    "code",
    "status",
    "outcome",  # a refusal after appraisal reads as a refusal (Dossier.status_label)
    "channel",
    "applicant_name",
    "applicant_id_number",
    "submitted_at",
    "due_at",
    "approved_at",
    "procedure__code",
    "procedure__name",
    "competent_agency__name",
    "competent_agency__short_name",
)
ROW_RELATED = ("procedure", "competent_agency")


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_CAP`` + 1 rows: "more than 1.000" is all a person needs to know,
    and counting an agency's whole history on every page view would grow with the years."""

    @cached_property
    def count(self) -> int:
        # Without the ORDER BY: counting needs no order, and PostgreSQL may then pick the
        # agency's indexes rather than walk the due-moment index.
        return capped_count(self.object_list, COUNT_CAP)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


@official_required()
def inbox_view(request: HttpRequest) -> HttpResponse:
    acting = acting_of(request)
    if acting.role == Role.CLERK:
        return redirect("backoffice:documents_incoming")  # the clerk's work is the document registers
    if not acting.works_on_dossiers:
        # Catalogue managers and administrators: no inbox, a page of the screens they work in.
        return render(request, "backoffice/home.html", {"section": "home", "links": admin_links(request)})
    boxes = boxes_for(acting.role)
    default = DEFAULT_BOX.get(acting.role, boxes[0].key if boxes else "all")
    key = request.GET.get("tab") or default
    if key not in {box.key for box in boxes}:
        key = default
    # The acting membership was re-validated by ``official_required`` a moment ago.
    scope = scope_for(request.user, acting.agency, acting.role, calendar=request_calendar(request), verified=True)
    filters, errors = parse_filters(request.GET)
    counts_ = counts(scope)
    rows: Any = box_rows(scope, key, filters, load=lambda rows: rows.select_related(*ROW_RELATED).only(*ROW_FIELDS))
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "section": "inbox",
        "tabs": [(box, _badge(counts_.get(box.key))) for box in boxes],
        "tab": key,
        "tab_label": BY_KEY[key].label,
        "step_box": key in STEP_BOXES,
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


def _badge(count: int | None) -> str | None:
    """A tab's count as shown: "1000+" once it passes the cap."""
    if count is None:
        return None
    return f"{COUNT_CAP}+" if count > COUNT_CAP else str(count)


def _procedure_choices(agency_id: int, role: str) -> list[tuple[str, str]]:
    """Procedures of the agency's competence; a one-stop unit receives any procedure of the province."""
    procedures = Procedure.objects.filter(status=ProcedureStatus.ACTIVE)
    if role not in ONE_STOP:
        procedures = procedures.filter(versions__competent_agencies__id=agency_id).distinct()
    return list(procedures.order_by("name_folded").values_list("code", "name"))
