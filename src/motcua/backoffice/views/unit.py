"""The unit head's view: open work per handler, overdue per handler, and reassignment."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.roles import HANDLERS, HEADS
from motcua.backoffice.acting import acting_of, official_required
from motcua.core.exceptions import DomainError
from motcua.core.text import is_code_shaped
from motcua.dossiers.actors import ActingAs, agencies_acted_for, officials
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.selectors.reports import unit_workload
from motcua.dossiers.services import assign


@official_required(roles=HEADS)
def unit_view(request: HttpRequest) -> HttpResponse:
    acting = acting_of(request)
    handler_filter = request.GET.get("handler", "")
    steps = (
        DossierStep.objects.filter(
            agency_id__in=agencies_acted_for(acting.agency), state=StepState.ACTIVE, kind=StepKind.PROCESS
        )
        .select_related("dossier__procedure", "handler")
        .order_by("due_at", "pk")
    )
    if handler_filter == "none":
        steps = steps.filter(handler__isnull=True)
    elif handler_filter.isdigit():
        steps = steps.filter(handler_id=int(handler_filter))
    now = timezone.now()
    workload = unit_workload(acting.agency, now)
    context = {
        "section": "unit",
        "handlers": workload.handlers,
        "unassigned": workload.unassigned,
        "steps": list(steps[:200]),
        "handler_filter": handler_filter,
        "now": now,
    }
    return render(request, "backoffice/unit.html", context)


@require_POST
@official_required(roles=HEADS)
def reassign_view(request: HttpRequest) -> HttpResponse:
    """Give an open step of the unit to another handler through the engine's ``assign`` service."""
    acting = acting_of(request)
    code = request.POST.get("dossier", "")
    dossier = Dossier.objects.filter(
        code=code if is_code_shaped(code) else "",
        steps__agency_id__in=agencies_acted_for(acting.agency),
        steps__state=StepState.ACTIVE,
    ).first()
    handler = officials(acting.agency.pk, HANDLERS).filter(pk=request.POST.get("handler") or 0).first()
    if dossier is None or handler is None:
        messages.error(request, _("Hồ sơ hoặc cán bộ không thuộc đơn vị của bạn."))
        return redirect("backoffice:unit")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        assign(
            dossier,
            actor=request.user,  # type: ignore[arg-type]
            handler=handler,
            expected_version=version,
            acting=ActingAs(acting.agency.pk, acting.role),
        )
    except DomainError as error:
        messages.error(request, _("Hồ sơ %(code)s: %(error)s") % {"code": dossier.code, "error": error.message})
    else:
        messages.success(
            request, _("Đã giao hồ sơ %(code)s cho %(handler)s.") % {"code": dossier.code, "handler": handler}
        )
    return redirect("backoffice:unit")
