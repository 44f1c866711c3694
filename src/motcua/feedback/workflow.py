"""The lifecycle of a feedback item, in one table: each action, who fires it, from which statuses, to which.

::

    received ──route──▶ routed ──accept──▶ in_progress ──submit_answer──▶ awaiting_approval ──approve──▶ answered
      │  ▲                 │                  │  ▲                              │                         │   │
      │  └──(sent_back)◀───┴──send_back───────┘  └─────────return_draft─────────┘                         │ rate
      ├─reject──▶ rejected                                          ◀──reopen (once, within the period)───┘   ▼
      └─merge───▶ merged (the citizen follows the surviving item)                                         closed

``None`` as a target keeps the status (classifying, extending, consulting, publishing write history only).
The services enforce the table (``services.check``); the back office's buttons and
``docs/feedback.md`` are read from it. Actors:

* ``coordinator``: a one-stop officer, head or leader of a coordinating unit (``CoordinatingUnit``);
* ``agency_head``: a head of division or leader of the handling agency (accepts, assigns, approves);
* ``handler``: the official assigned to the item (or any head of the agency);
* ``citizen``: whoever holds the code and the phone, or the signed-in author;
* ``system``: the deadline scan, which closes answered items left unrated after the response period.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.feedback.constants import Status

SYSTEM = "system"  # the deadline scan: no one's button
COORDINATOR = "coordinator"
AGENCY_HEAD = "agency_head"
HANDLER = "handler"
CITIZEN = "citizen"


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset[Status]
    target: Status | None
    actor: str
    needs_reason: bool = False


def _t(
    label: str, sources: set[Status], target: Status | None, actor: str, *, needs_reason: bool = False
) -> Transition:
    return Transition(label, frozenset(sources), target, actor, needs_reason)


# The coordinator may still classify, re-route, reject or merge an item routed automatically, until the
# agency accepts it.
_COORDINATING = {Status.RECEIVED, Status.SENT_BACK, Status.ROUTED}
_WITH_AGENCY = {Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL}

ACTIONS: dict[str, Transition] = {
    "classify": _t("Phân loại lại", _COORDINATING, None, COORDINATOR),
    "route": _t("Chuyển cơ quan xử lý", _COORDINATING, Status.ROUTED, COORDINATOR),
    "reject": _t(
        "Không tiếp nhận (trùng, sai phạm vi, spam)", _COORDINATING, Status.REJECTED, COORDINATOR, needs_reason=True
    ),
    "merge": _t("Gộp vào phản ánh khác", _COORDINATING, Status.MERGED, COORDINATOR),
    "accept": _t("Nhận xử lý, giao người xử lý", {Status.ROUTED}, Status.IN_PROGRESS, AGENCY_HEAD),
    "send_back": _t(
        "Trả lại đơn vị điều phối",
        {Status.ROUTED, Status.IN_PROGRESS},
        Status.SENT_BACK,
        AGENCY_HEAD,
        needs_reason=True,
    ),
    "consult": _t("Ghi nhận xin ý kiến cơ quan khác", {Status.IN_PROGRESS}, None, HANDLER),
    "submit_answer": _t("Trình dự thảo trả lời", {Status.IN_PROGRESS}, Status.AWAITING_APPROVAL, HANDLER),
    "return_draft": _t(
        "Trả lại dự thảo", {Status.AWAITING_APPROVAL}, Status.IN_PROGRESS, AGENCY_HEAD, needs_reason=True
    ),
    "approve": _t("Duyệt và gửi trả lời", {Status.AWAITING_APPROVAL}, Status.ANSWERED, AGENCY_HEAD),
    "extend": _t("Gia hạn trả lời", _WITH_AGENCY, None, AGENCY_HEAD, needs_reason=True),
    "rate": _t("Đánh giá câu trả lời", {Status.ANSWERED}, Status.CLOSED, CITIZEN),
    "reopen": _t(
        "Đề nghị xem xét lại", {Status.ANSWERED, Status.CLOSED}, Status.IN_PROGRESS, CITIZEN, needs_reason=True
    ),
    "publish": _t("Công khai câu hỏi và trả lời", {Status.ANSWERED, Status.CLOSED}, None, COORDINATOR),
    "close": _t("Kết thúc: hết thời gian đánh giá", {Status.ANSWERED}, Status.CLOSED, SYSTEM),
}


# What the history shows for each row: the table's labels, and reception, which no one fires.
EVENT_LABELS: dict[str, str] = {
    "receive": "Tiếp nhận phản ánh",
    "remind": "Nhắc sắp đến hạn trả lời",
    "escalate": "Báo đơn vị điều phối: quá hạn trả lời",
    "progress_requested": "Đề nghị cập nhật tiến độ (quá hạn)",
    **{name: t.label for name, t in ACTIONS.items()},
}


def allowed(action: str, status: str) -> bool:
    transition = ACTIONS.get(action)
    return transition is not None and Status(status) in transition.sources


def actions_from(status: str, actor: str | None = None) -> list[str]:
    """The actions possible from ``status`` (for ``actor`` only, when given), in the table's order."""
    return [
        name
        for name, transition in ACTIONS.items()
        if Status(status) in transition.sources and (actor is None or transition.actor == actor)
    ]
