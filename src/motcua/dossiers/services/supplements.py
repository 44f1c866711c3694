"""Is a supplement complete? The requested items the received documents do not answer.

A supplement request lists every missing or wrong item at once (Form 02). When the supplement
arrives, each requested item must be answered by a received document of the same name (compared
folded: no diacritics, case or spacing differences). An incomplete supplement is refused, with the
items still missing; the one-stop officer may still take it, explicitly (``accept_incomplete``)
and with a note saying why, and the history keeps what was missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from motcua.core.exceptions import DomainError
from motcua.core.text import fold
from motcua.dossiers.inputs import ComponentData
from motcua.dossiers.models import Dossier, SupplementRequest
from motcua.dossiers.outstanding import requested_items as requested_items  # read by the action inputs too
from motcua.dossiers.services.base import ActionContext, require
from motcua.dossiers.workflow import APPLICANT


class SupplementIncomplete(DomainError):
    code = "supplement_incomplete"
    status = 409


def missing_items(dossier: Dossier, components: Sequence[ComponentData]) -> list[str]:
    """Requested items that no received document answers."""
    received = {" ".join(fold(c.name).split()) for c in components if c.name}
    return [item for item in requested_items(dossier) if " ".join(fold(item).split()) not in received]


def check_complete(
    dossier: Dossier, components: Sequence[ComponentData], *, accept_incomplete: bool, note: str, role: str
) -> dict[str, Any]:
    """Refuse an incomplete supplement unless the officer takes it explicitly, with a note.

    ``role``: the role the action is taken in (an applicant may not take their own supplement as
    incomplete). Returns what the history records about it (nothing when complete).
    """
    missing = missing_items(dossier, components)
    if not missing:
        return {}
    if role == APPLICANT:
        accept_incomplete = False
    listed = "; ".join(f"“{item}”" for item in missing)
    if not accept_incomplete:
        message = f"Hồ sơ bổ sung chưa đủ các nội dung đã yêu cầu. Còn thiếu: {listed}."
        raise SupplementIncomplete(message, fields={"components": [message]})
    require(note and note.strip(), "note", f"Cần ghi rõ lý do vẫn tiếp nhận khi còn thiếu: {listed}.")
    return {"missing": missing, "accepted_incomplete": True}


def new_supplement_request(ctx: ActionContext, stage: str, items: Sequence[str], note: str) -> SupplementRequest:
    """One request listing every missing or wrong item at once (Form 02), at ``stage``."""
    cleaned = [item.strip() for item in items if item and item.strip()]
    require(cleaned, "items", "Liệt kê đầy đủ, một lần, các giấy tờ cần bổ sung hoặc hoàn thiện.")
    ctx.dossier.supplement_stage = stage
    return SupplementRequest.objects.create(
        dossier=ctx.dossier,
        stage=stage,
        items=cleaned,
        note=note,
        requested_at=ctx.now,
        requested_by=ctx.user,
        agency_id=ctx.agency_id or ctx.dossier.receiving_agency_id,
    )
