"""Correcting a dossier's fees after the fact: a new amount due, or a refund of money paid.

Neither is a workflow transition: a wrong fee is corrected whatever the dossier's status, and
the status does not change. Who may: the one-stop officers of the receiving agency (they charge
the fees) and its heads (heads of division, leaders), who answer for the money the unit collects.
Every correction is an event of the dossier's history with its reason.

A refund records money given back through the treasury or the payment platform, with the
reference of that transfer: the payment gateway port (``payments.interface``) has no refund
operation, so the unit refunds outside the application and records it here.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from motcua.accounts import roles
from motcua.accounts.models import User
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.core.limits import check_amount_vnd
from motcua.dossiers import events
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.base import actor_for, lock, may_act_as, now_or, record
from motcua.dossiers.services.fees import ACTION as PAYMENT_ACTION

ADJUST_ACTION = events.ADJUST_FEES
REFUND_ACTION = events.REFUND_FEE
FEE_CORRECTION_ROLES = (*roles.ONE_STOP, *roles.HEADS)


def may_correct_fees(user: User | None, dossier: Dossier) -> bool:
    """One-stop officers and heads of the receiving agency."""
    actor = actor_for(user)
    return any(may_act_as(actor, dossier.receiving_agency_id, role) for role in FEE_CORRECTION_ROLES)


def amount_paid(dossier: Dossier) -> int:
    """What the applicant has paid and not been refunded: the amount collected at counter intake
    (``register`` event), the recorded payments, less the refunds."""
    events = DossierEvent.objects.filter(dossier=dossier, action__in=("register", PAYMENT_ACTION, REFUND_ACTION))
    paid = refunded = 0
    for action, data in events.values_list("action", "data"):
        if action == REFUND_ACTION:
            refunded += int(data.get("amount_vnd", 0))
        elif action == PAYMENT_ACTION:
            paid += int(data.get("amount_vnd", 0))
        else:
            paid += int(data.get("fees_paid_vnd", 0))
    return max(paid - refunded, 0)


def _check(user: User, dossier: Dossier, reason: str) -> str:
    if not may_correct_fees(user, dossier):
        raise PermissionDenied(
            "Chỉ cán bộ Bộ phận Một cửa hoặc lãnh đạo của nơi tiếp nhận mới được điều chỉnh, hoàn trả phí, lệ phí."
        )
    if dossier.status == Status.DRAFT:
        raise DomainError("Hồ sơ chưa được nộp, chưa thể điều chỉnh phí, lệ phí.", code="invalid_status")
    reason = reason.strip()
    if not reason:
        raise DomainError("Cần nêu lý do.", code="invalid", fields={"reason": ["Nhập lý do."]})
    return reason


@transaction.atomic
def adjust_fees(
    dossier: Dossier | int, *, amount_vnd: int, reason: str, actor: User, now: datetime | None = None
) -> Dossier:
    """Set the amount due to ``amount_vnd`` (the published rows stay as charged, the history says why)."""
    moment = now_or(now)
    locked = lock(dossier)
    reason = _check(actor, locked, reason)
    check_amount_vnd(amount_vnd)
    if amount_vnd == locked.fee_total_vnd:
        raise DomainError(
            "Số tiền mới bằng số tiền đang phải thu.", code="unchanged", fields={"amount_vnd": ["Nhập số tiền khác."]}
        )
    previous, paid = locked.fee_total_vnd, amount_paid(locked)
    locked.fee_total_vnd = amount_vnd
    locked.fees_paid = amount_vnd > 0 and paid >= amount_vnd
    locked.version += 1
    locked.save()
    record(
        locked,
        ADJUST_ACTION,
        user=actor,
        now=moment,
        note=reason,
        agency_id=locked.receiving_agency_id,
        data={"previous_vnd": previous, "amount_vnd": amount_vnd, "paid_vnd": paid, "reason": reason},
    )
    return locked


@transaction.atomic
def refund_fee(
    dossier: Dossier | int,
    *,
    amount_vnd: int,
    reason: str,
    reference: str,
    actor: User,
    now: datetime | None = None,
) -> Dossier:
    """Record that ``amount_vnd`` of what was paid went back to the applicant (``reference``: the transfer)."""
    moment = now_or(now)
    locked = lock(dossier)
    reason = _check(actor, locked, reason)
    reference = reference.strip()
    if not reference:
        raise DomainError(
            "Cần nhập số chứng từ hoặc mã giao dịch hoàn trả.", code="invalid", fields={"reference": ["Nhập số."]}
        )
    paid = amount_paid(locked)
    check_amount_vnd(amount_vnd, minimum=1)
    if amount_vnd > paid:
        raise DomainError(
            f"Số tiền hoàn trả phải lớn hơn 0 và không quá số đã nộp ({paid:,} đồng).".replace(",", "."),
            code="invalid",
            fields={"amount_vnd": []},
        )
    locked.fees_paid = locked.fee_total_vnd > 0 and paid - amount_vnd >= locked.fee_total_vnd
    locked.version += 1
    locked.save()
    record(
        locked,
        REFUND_ACTION,
        user=actor,
        now=moment,
        note=reason,
        agency_id=locked.receiving_agency_id,
        data={"amount_vnd": amount_vnd, "reference": reference, "reason": reason, "paid_before_vnd": paid},
    )
    return locked
