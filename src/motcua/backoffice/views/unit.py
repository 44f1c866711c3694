"""The unit head's view: open work per handler, overdue per handler, and reassignment."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.models import User
from motcua.accounts.roles import HANDLERS, HEADS
from motcua.backoffice.acting import acting_of, official_required
from motcua.core.exceptions import DomainError
from motcua.core.text import is_code_shaped
from motcua.dossiers.actors import ActingAs, agencies_acted_for, officials
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.services import assign
from motcua.organisations.models import Agency


def _handlers(agency: Agency) -> list[User]:
    """Officials of the unit and its divisions with their open and overdue steps here, in one query."""
    now = timezone.now()
    active = Q(
        dossier_steps__agency_id__in=agencies_acted_for(agency),
        dossier_steps__state=StepState.ACTIVE,
        dossier_steps__kind=StepKind.PROCESS,
    )
    return list(
        officials(agency.pk, HANDLERS)
        .annotate(
            open_steps=Count("dossier_steps", filter=active, distinct=True),
            overdue_steps=Count("dossier_steps", filter=active & Q(dossier_steps__due_at__lt=now), distinct=True),
        )
        .order_by("full_name", "username")
    )


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
    handlers = _handlers(acting.agency)
    context = {
        "section": "unit",
        "handlers": handlers,
        "unassigned": DossierStep.objects.filter(
            agency_id__in=agencies_acted_for(acting.agency),
            state=StepState.ACTIVE,
            kind=StepKind.PROCESS,
            handler__isnull=True,
        ).count(),
        "steps": list(steps[:200]),
        "handler_filter": handler_filter,
        "now": timezone.now(),
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
