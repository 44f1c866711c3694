"""Closing a dossier: return of the result, withdrawal and stop (Form 05), satisfaction rating."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction

from motcua.accounts.models import User
from motcua.core.exceptions import DomainError
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.constants import RATING_CRITERIA, ReturnMethod, Satisfaction
from motcua.dossiers.models import Dossier, FilePurpose, Rating
from motcua.dossiers.services import steps
from motcua.dossiers.services.base import begin, finish, require
from motcua.dossiers.services.dispatch import performs
from motcua.dossiers.tasks import notify_applicant
from motcua.postal.selectors import return_item_code


@performs("return_result")
@transaction.atomic
def return_result(
    dossier: Dossier | int,
    *,
    actor: User,
    method: str = "",
    shipment_number: str = "",
    returned_to: str = "",
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Hand the result over at the counter (to whom), by post (shipment) or electronically.

    ``method`` defaults to the delivery the applicant chose (``Dossier.result_delivery``). By post the
    shipment number is required and the result goes to the chosen address; electronically, the
    result file must be attached: returning it makes it downloadable by the applicant.
    """
    if method and method not in ReturnMethod.values:
        raise DomainError("Hình thức trả kết quả không hợp lệ.", code="invalid", fields={"method": []})
    ctx = begin(dossier, "return_result", actor=actor, expected_version=expected_version, now=now, acting=acting)
    dossier_row = ctx.dossier
    method = method or dossier_row.result_delivery or ReturnMethod.COUNTER
    if method == ReturnMethod.POSTAL:
        # The tracking number of the dossier's postal order, when the post office carries the result.
        shipment_number = shipment_number or return_item_code(dossier_row.pk)
        require(shipment_number, "shipment_number", "Cần nhập số vận đơn bưu chính.")
    if method == ReturnMethod.ELECTRONIC and not dossier_row.files.filter(purpose=FilePurpose.RESULT).exists():
        message = "Cần đính kèm tệp kết quả trước khi trả kết quả trực tuyến."
        raise DomainError(message, code="invalid", fields={"method": [message]})
    if method == ReturnMethod.POSTAL and not returned_to:
        returned_to = f"{dossier_row.applicant_name}, {dossier_row.delivery_address}".strip(", ")
    dossier_row.return_method = method
    dossier_row.return_shipment_number = shipment_number
    dossier_row.returned_to = returned_to or (dossier_row.applicant_name if method == ReturnMethod.COUNTER else "")
    dossier_row.returned_at = ctx.now
    dossier_row.returned_by = actor
    dossier_row.closed_at = ctx.now
    steps.close_all(dossier_row, ctx.now, actor, cancel=False)
    return finish(ctx, note=note, data={"method": method, "shipment_number": shipment_number})


@performs("withdraw_request")
@transaction.atomic
def withdraw_request(
    dossier: Dossier | int,
    *,
    actor: User,
    reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """The applicant asks to withdraw (online, or at the counter through the officer)."""
    ctx = begin(dossier, "withdraw_request", actor=actor, expected_version=expected_version, now=now, acting=acting)
    ctx.dossier.outcome_reason = reason.strip()
    return finish(ctx, note=reason.strip())


@performs("stop")
@transaction.atomic
def stop(
    dossier: Dossier | int,
    *,
    actor: User,
    reason: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Stop handling before any result exists; the notice is Form 05."""
    require(reason and reason.strip(), "reason", "Cần ghi rõ lý do dừng giải quyết.")
    ctx = begin(dossier, "stop", actor=actor, expected_version=expected_version, now=now, acting=acting)
    ctx.dossier.outcome_reason = reason.strip()
    ctx.dossier.closed_at = ctx.now
    ctx.dossier.pauses.filter(ended_at=None).update(ended_at=ctx.now)
    steps.close_all(ctx.dossier, ctx.now, actor, cancel=True)
    notify_applicant(ctx.dossier.pk, "stopped")
    return finish(ctx, note=reason.strip())


@performs("rate")
@transaction.atomic
def rate_dossier(
    dossier: Dossier | int,
    *,
    actor: User,
    satisfaction: str,
    criteria: Mapping[str, str] | None = None,
    comment: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Rating:
    """Satisfaction once per dossier after the result is returned (Decree 61/2018 Art. 31 criteria)."""
    if satisfaction not in Satisfaction.values:
        raise DomainError("Mức độ hài lòng không hợp lệ.", code="invalid", fields={"satisfaction": []})
    criteria = dict(criteria or {})
    unknown = [k for k, v in criteria.items() if k not in RATING_CRITERIA or v not in Satisfaction.values]
    if unknown:
        raise DomainError("Tiêu chí đánh giá không hợp lệ.", code="invalid", fields={"criteria": unknown})
    ctx = begin(dossier, "rate", actor=actor, expected_version=expected_version, now=now)
    rating = Rating.objects.create(
        dossier=ctx.dossier, satisfaction=satisfaction, criteria=criteria, comment=comment, rated_at=ctx.now
    )
    finish(ctx, data={"satisfaction": satisfaction})
    return rating
