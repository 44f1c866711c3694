"""Reconciliation of online payments: the differences between a gateway's daily statement and the
payments recorded here, each resolved by an officer with a reason (``payments.reconciliation``).

Who: the one-stop officers and heads whose operations scope is the whole province (the provincial
public service centre): the gateway's terminal is the province's, so its statement is too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.backoffice.acting import acting_of, official_required
from motcua.core.exceptions import DomainError
from motcua.operations.scope import OPERATIONS_ROLES, scope_of
from motcua.payments import selectors
from motcua.payments.constants import DifferenceKind, Resolution
from motcua.payments.models import ReconciliationDifference
from motcua.payments.reconciliation import RESOLUTIONS, resolve_difference


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(label=gettext_lazy("Cách xử lý"), choices=Resolution.choices)
    reason = forms.CharField(
        label=gettext_lazy("Lý do, căn cứ (số chứng từ, sao kê)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, difference: ReconciliationDifference, **kwargs: Any) -> None:
        kwargs["prefix"] = f"d{difference.pk}"
        super().__init__(*args, **kwargs)
        # Without a payment here, only a reason closes it (a refund is made at the gateway's own site).
        allowed = RESOLUTIONS[DifferenceKind(difference.kind)] if difference.payment_id else (Resolution.EXPLAINED,)
        field = cast(forms.ChoiceField, self.fields["resolution"])
        field.choices = [(r.value, r.label) for r in allowed]


def province_scope_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        acting = acting_of(request)
        scope = scope_of(acting.agency, acting.role)
        if scope is None or not scope.province:
            reason = _("Đối soát thanh toán do Trung tâm Phục vụ hành chính công tỉnh thực hiện.")
            return render(request, "backoffice/forbidden.html", {"reason": reason}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _page(request: HttpRequest, bound: tuple[int, ResolveForm] | None = None, status: int = 200) -> HttpResponse:
    show_all = request.GET.get("tat-ca") == "1"
    rows = []
    for row in selectors.differences(open_only=not show_all):
        form = bound[1] if bound and bound[0] == row.pk else ResolveForm(difference=row)
        rows.append({"row": row, "form": form if row.is_open else None})
    context = {
        "section": "reconciliation",
        "rows": rows,
        "show_all": show_all,
        "runs": selectors.recent_runs(),
        "refused": selectors.refused_notices(),
    }
    return render(request, "backoffice/reconciliation.html", context, status=status)


@official_required(roles=OPERATIONS_ROLES)
@province_scope_required
def reconciliation_view(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@official_required(roles=OPERATIONS_ROLES)
@province_scope_required
def resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    difference = selectors.difference(pk)
    if difference is None or not difference.is_open:
        raise Http404("Không có chênh lệch này.")
    form = ResolveForm(request.POST, difference=difference)
    if not form.is_valid():
        return _page(request, (pk, form), status=400)
    try:
        resolve_difference(
            difference,
            resolution=form.cleaned_data["resolution"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _page(request, (pk, form), status=400)
    messages.success(request, _("Đã xử lý chênh lệch %(ref)s.") % {"ref": difference.reference})
    return redirect("backoffice:reconciliation")
