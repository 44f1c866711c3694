"""The one-stop unit orders a collection or a delivery from the post office (the buttons of the
dossier page's postal panel, ``backoffice.postal_panel``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.backoffice.acting import DOSSIER_ROLES, acting_of, official_required
from motcua.backoffice.postal_panel import ORDER_SERVICES
from motcua.backoffice.views.dossier import dossier_for
from motcua.core.exceptions import DomainError
from motcua.dossiers.services import postal as dossier_postal


@require_POST
@official_required(roles=DOSSIER_ROLES)
def order_view(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    acting = acting_of(request)
    dossier = dossier_for(acting, code)
    service = ORDER_SERVICES.get(kind)
    if service is None or not dossier_postal.may_order(dossier, acting.agency.pk, acting.role):
        raise Http404("Không có thao tác này.")
    try:
        order = service(dossier, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Đã tạo đơn bưu chính %(number)s: %(kind)s.")
            % {"number": order.order_number, "kind": order.get_kind_display()},
        )
    return redirect("backoffice:dossier", code=dossier.code)
