"""The public statistics page (thống kê): the province's aggregates per period, as the national portal
publishes them. No dossier, no name, no comment: counts and rates only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua.operations import periods
from motcua.operations.dashboard import dashboard
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters
from motcua.workdays.constants import VIETNAM_TZ

PROVINCE = OpsScope(None, "Toàn tỉnh")


def statistics(request: HttpRequest) -> HttpResponse:
    today = timezone.now().astimezone(VIETNAM_TZ).date()
    params = {k: request.GET.get(k, "") for k in ("period", "year", "month", "quarter")}
    if params.get("period") == "custom":
        params["period"] = "month"  # the public page offers months, quarters and years
    try:
        period = periods.parse(params, today=today)
        error = ""
    except periods.PeriodError as bad:
        period, error = periods.parse({}, today=today), bad.message
    board = dashboard(PROVINCE, period, Filters(), now=timezone.now(), dimension="level", public=True)
    busiest = max((m["received"] for m in board.months), default=0)
    context = {
        "board": board,
        "period": period,
        "error": error,
        "busiest": busiest,
        "years": list(range(today.year, today.year - 5, -1)),
        "months": list(range(1, 13)),
        "quarters": [1, 2, 3, 4],
        "quarter": (period.first_day.month - 1) // 3 + 1,
    }
    return render(request, "portal/statistics.html", context, status=400 if error else 200)
