"""Every action a dossier's history can record, and the Vietnamese label people read for it.

The workflow's transitions carry their label in the table (``workflow.py``); the events the
services write outside the table (registration, the draft, a fee payment) are named here. This is
the one source of labels for the citizen's history, the public lookup and the back office: no
raw identifier (``record_fee_payment``) is ever shown to a person. ``services.base.event`` refuses
to record an action missing here, so a new event cannot reach a page without its label.
"""

from __future__ import annotations

from motcua.dossiers import workflow

REGISTER = "register"
CREATE_DRAFT = "create_draft"
RECORD_FEE_PAYMENT = "record_fee_payment"
ADJUST_FEES = "adjust_fees"
REFUND_FEE = "refund_fee"
POSTAL_ORDER = "postal_order"
POSTAL_TRACKING = "postal_tracking"

# Events written by the services directly, not by a workflow transition.
OTHER_EVENT_LABELS: dict[str, str] = {
    REGISTER: "Ghi nhận hồ sơ (cấp mã)",
    CREATE_DRAFT: "Tạo hồ sơ nháp",
    RECORD_FEE_PAYMENT: "Ghi nhận nộp phí, lệ phí",
    ADJUST_FEES: "Điều chỉnh phí, lệ phí phải nộp",
    REFUND_FEE: "Hoàn trả phí, lệ phí",
    POSTAL_ORDER: "Tạo đơn bưu chính công ích",
    POSTAL_TRACKING: "Cập nhật hành trình bưu gửi",
}

EVENT_LABELS: dict[str, str] = {t.name: t.label for t in workflow.TRANSITIONS} | OTHER_EVENT_LABELS
EVENT_ACTIONS: frozenset[str] = frozenset(EVENT_LABELS)

# What a history written before an action was renamed shows: words, never the identifier.
UNKNOWN_EVENT_LABEL = "Cập nhật hồ sơ"


class UnlabelledEvent(ValueError):
    """A programming error: an event action without a Vietnamese label."""


def label(action: str) -> str:
    """The Vietnamese label of an event action."""
    return EVENT_LABELS.get(action, UNKNOWN_EVENT_LABEL)


def require_label(action: str) -> str:
    if action not in EVENT_LABELS:
        raise UnlabelledEvent(f"Event action {action!r} has no label in motcua.dossiers.events.")
    return action
