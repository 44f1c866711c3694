"""What a dossier still waits for: the items a supplement request asked for, the steps not reached.

Read by the services (is the supplement complete? may the result be attached?) and by the action
inputs (``inputs.py``: the items to tick, whether to ask why steps are skipped), so it sits below both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from motcua.accounts.models import Role
from motcua.dossiers.constants import StepKind, StepState

if TYPE_CHECKING:
    from motcua.dossiers.models import Dossier, DossierStep


def requested_items(dossier: Dossier) -> list[str]:
    """The items of the open supplement requests, in the order they were asked for."""
    items: list[str] = []
    for request in dossier.supplement_requests.filter(fulfilled_at=None).order_by("requested_at", "pk"):
        items += [str(item) for item in request.items]
    return items


def steps_left_out(dossier: Dossier) -> list[DossierStep]:
    """The competent side's process steps not reached yet: attaching the result now would leave them out.

    The one-stop unit's last step (returning the result) is not among them: it follows the result.
    """
    # Read through ``all()``: the dossier page has the steps prefetched already.
    left_out = [
        row
        for row in dossier.steps.all()
        if row.kind == StepKind.PROCESS and row.state == StepState.PENDING and row.role != Role.ONE_STOP_OFFICER
    ]
    return sorted(left_out, key=lambda row: (row.order, row.pk))
