"""The fee adjustment and refund forms of the dossier page (``dossiers.services.fee_adjustments``).

Not workflow actions: they are offered to the one-stop officers and heads acting for the
receiving agency, whatever the dossier's status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.backoffice.acting import Acting
from motcua.core.limits import MAX_AMOUNT_VND
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import fee_adjustments


class AdjustFeesForm(forms.Form):
    amount_vnd = forms.IntegerField(label=_("Số tiền phải nộp mới (đồng)"), min_value=0, max_value=MAX_AMOUNT_VND)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class RefundFeeForm(forms.Form):
    amount_vnd = forms.IntegerField(label=_("Số tiền hoàn trả (đồng)"), min_value=1, max_value=MAX_AMOUNT_VND)
    reference = forms.CharField(
        label=_("Số chứng từ, mã giao dịch hoàn trả"),
        max_length=64,
        help_text=_("Số ủy nhiệm chi, phiếu chi hoặc mã giao dịch hoàn tiền của nền tảng thanh toán."),
    )
    reason = forms.CharField(label=_("Lý do hoàn trả"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


def _adjust(dossier: Dossier, user: User, data: dict[str, Any]) -> Dossier:
    return fee_adjustments.adjust_fees(dossier, amount_vnd=data["amount_vnd"], reason=data["reason"], actor=user)


def _refund(dossier: Dossier, user: User, data: dict[str, Any]) -> Dossier:
    return fee_adjustments.refund_fee(
        dossier, amount_vnd=data["amount_vnd"], reason=data["reason"], reference=data["reference"], actor=user
    )


@dataclass(frozen=True)
class FeeAction:
    title: Any
    form: type[forms.Form]
    call: Callable[[Dossier, User, dict[str, Any]], Dossier]


FEE_ACTIONS = {
    "dieu-chinh": FeeAction(_("Điều chỉnh phí, lệ phí phải nộp"), AdjustFeesForm, _adjust),
    "hoan-tra": FeeAction(_("Hoàn trả phí, lệ phí"), RefundFeeForm, _refund),
}


def offered(acting: Acting, dossier: Dossier) -> bool:
    """In the acting role only: officers see the forms of the role they chose, as for the workflow's."""
    return (
        dossier.status != Status.DRAFT
        and acting.agency.pk == dossier.receiving_agency_id
        and acting.role in fee_adjustments.FEE_CORRECTION_ROLES
    )


def fee_panels(acting: Acting, dossier: Dossier, bound: tuple[str, forms.Form] | None) -> list[dict[str, Any]]:
    if not offered(acting, dossier):
        return []
    panels = []
    for name, action in FEE_ACTIONS.items():
        is_bound = bound is not None and bound[0] == name
        form = bound[1] if bound is not None and is_bound else action.form(prefix=name)
        panels.append({"name": name, "title": action.title, "form": form, "open": is_bound})
    return panels
