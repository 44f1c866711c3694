"""Hồ sơ liên thông as the applicant sees it: the group's dossiers and one combined status."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from motcua.core.exceptions import NotFound
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, DossierGroup

# A dossier in one of these statuses is over: it has its result, or it ended without one.
FINISHED = frozenset({Status.RESOLVED, Status.RETURNED, Status.REFUSED_AT_INTAKE, Status.WITHDRAWN, Status.STOPPED})
# The applicant has something to do before the dossier goes on.
WAITING_FOR_APPLICANT = frozenset({Status.SUPPLEMENT_REQUESTED, Status.FINANCIAL_OBLIGATION})


@dataclass(frozen=True)
class GroupProgress:
    label: str
    finished: int
    total: int
    needs_applicant: bool


def progress(statuses: Sequence[int]) -> GroupProgress:
    """The one status the applicant reads for the whole group, from its dossiers' statuses.

    What the applicant must do comes first (a draft not sent, a supplement or a payment asked); then
    whether every result is in; otherwise how many of the procedures are over.
    """
    total = len(statuses)
    finished = sum(1 for s in statuses if s in FINISHED)
    if any(s == Status.DRAFT for s in statuses):
        return GroupProgress("Chưa nộp", finished, total, True)
    if any(s in WAITING_FOR_APPLICANT for s in statuses):
        return GroupProgress("Cần bổ sung hoặc thực hiện nghĩa vụ tài chính", finished, total, True)
    if total and all(s == Status.RETURNED for s in statuses):
        return GroupProgress("Đã trả đủ kết quả", finished, total, False)
    if total and finished == total:
        return GroupProgress("Đã giải quyết xong", finished, total, False)
    if all(s == Status.SUBMITTED for s in statuses):
        return GroupProgress("Chờ tiếp nhận", finished, total, False)
    return GroupProgress(f"Đang giải quyết ({finished}/{total} thủ tục đã xong)", finished, total, False)


def group_for_applicant(user: Any, reference: str | uuid.UUID) -> DossierGroup:
    """The signed-in applicant's own group application; anyone else's is simply not found."""
    try:
        key = uuid.UUID(str(reference))
    except ValueError:
        raise NotFound("Không tìm thấy hồ sơ liên thông.", code="not_found") from None
    filing = (
        DossierGroup.objects.select_related("procedure_group", "receiving_agency")
        .filter(reference=key, applicant__user_id=getattr(user, "pk", None) or 0)
        .first()
    )
    if filing is None:
        raise NotFound("Không tìm thấy hồ sơ liên thông.", code="not_found")
    return filing


def group_dossiers(filing: DossierGroup) -> list[Dossier]:
    """The group's dossiers in the order of the group, with what their pages show."""
    return list(filing.dossiers.select_related("procedure", "procedure_version", "competent_agency").order_by("pk"))
