"""The national portal's synchronisation per procedure, for the system's administrators."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.backoffice.acting import resolve
from motcua.dossiers import sync
from motcua.outbox import destinations


def national_portal_view(request: HttpRequest) -> HttpResponse:
    """Per procedure: connected or not, its dossiers sent, acknowledged, waiting and failed; with
    ``?loi=<procedure code>``, that procedure's failed dossiers and their errors."""
    if not request.user.is_authenticated:
        login = reverse("backoffice:login")
        return HttpResponseRedirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
    if not sync.may_view_report(request.user):
        reason = _("Chỉ quản trị hệ thống xem được tình hình đồng bộ với Cổng DVC quốc gia.")
        return render(request, "backoffice/forbidden.html", {"reason": reason}, status=403)
    request.acting = resolve(request)  # type: ignore[attr-defined]  # the nav, when acting in a membership
    rows = sync.procedure_report()
    for row in rows:
        row["sent"] = sum(_count(row, key) for key in ("acknowledged", "waiting", "failed"))
    failing = request.GET.get("loi", "").strip()
    context = {
        "section": "national_portal",
        "rows": [row for row in rows if row["connected"] or row["dossiers"]],
        "connected": sum(1 for row in rows if row["connected"]),
        "procedures": len(rows),
        "failing": failing,
        "failures": sync.procedure_failures(failing) if failing else [],
        "configured": destinations.is_configured(sync.DESTINATION),
        "dead_letters_url": reverse("admin:outbox_message_changelist") + "?destination=dvcqg&state__exact=dead",
    }
    return render(request, "backoffice/national_portal.html", context)


def _count(row: dict[str, object], key: str) -> int:
    value = row.get(key, 0)
    return value if isinstance(value, int) else 0
