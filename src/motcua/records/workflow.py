"""Official documents in motion (Decree 30/2020), in two tables: incoming and outgoing.

Each action is declared here once: its label, the statuses it moves from and to, who fires it and what
it takes (``fields``, named in ``records/inputs.py``). The services (``records/incoming.py``,
``records/outgoing.py``) start with ``check``; the back office's buttons and forms and docs/documents.md
are read from these tables.

Incoming (văn bản đến, Art. 20–24)::

    arrived ──register──▶ registered ──direct──▶ directed ──progress──▶ in_progress ──complete──▶ completed
       │   (receive: paper or upload, straight to registered)  └───────────complete────────────▲
       └──refuse──▶ refused                      any open status ──(sender's recall)──▶ recalled

Outgoing (văn bản đi, Art. 10–18)::

    draft ──submit──▶ in_review ──review──▶ awaiting_approval ──approve──▶ approved ──sign──▶ signed
      ▲                  │                        │                                         │ number
      └────return────────┴────────return──────────┘                   issued ◀──issue── numbered
                                                          recalled ◀──recall──┘

Actors: ``clerk`` (văn thư of the agency), ``leader`` (the agency's leaders), ``handler`` (an official of
the lead unit, or of a coordinating unit for progress notes), ``drafter`` (the official who drafted),
``reviewer`` (a head of division or leader of the agency or the drafting unit), ``approver`` (the leader
named to approve and sign), ``system`` (deliveries, the sender's recall, the reminder scan).
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.core.exceptions import Conflict, DomainError
from motcua.records.models import IncomingStatus as In
from motcua.records.models import OutgoingStatus as Out

CLERK = "clerk"
LEADER = "leader"
HANDLER = "handler"
DRAFTER = "drafter"
REVIEWER = "reviewer"
APPROVER = "approver"
SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset[str]
    target: str | None  # None: the status stays (a progress note)
    actor: str
    fields: tuple[str, ...] = ()  # the input: field names of the back office forms (backoffice/document_forms.py)
    danger: bool = False  # irreversible: people confirm


def _t(
    label: str,
    sources: set[str] | set[In] | set[Out],
    target: str | None,
    actor: str,
    *fields: str,
    danger: bool = False,
) -> Transition:
    return Transition(label, frozenset(sources), target, actor, fields, danger)


_OPEN_IN = {In.ARRIVED, In.REGISTERED, In.DIRECTED, In.IN_PROGRESS}
_HANDLING = {In.DIRECTED, In.IN_PROGRESS}

INCOMING: dict[str, Transition] = {
    "register": _t("Vào sổ văn bản đến", {In.ARRIVED}, In.REGISTERED, CLERK, "pages", "accept_duplicate"),
    "refuse": _t("Trả lại nơi gửi", {In.ARRIVED}, In.REFUSED, CLERK, "reason", danger=True),
    "direct": _t(
        "Bút phê, giao xử lý",
        {In.REGISTERED, *_HANDLING},
        In.DIRECTED,
        LEADER,
        "lead_unit",
        "coordinating_units",
        "due_days",
        "due_date",
        "note",
    ),
    "progress": _t("Cập nhật tiến độ xử lý", _HANDLING, In.IN_PROGRESS, HANDLER, "note"),
    "complete": _t("Hoàn thành xử lý", _HANDLING, In.COMPLETED, HANDLER, "result"),
    "link_dossier": _t("Gắn với hồ sơ TTHC", {*_OPEN_IN, In.COMPLETED}, None, CLERK, "dossier_code"),
    "recall": _t("Thu hồi (theo nơi gửi)", _OPEN_IN, In.RECALLED, SYSTEM),
}

OUTGOING: dict[str, Transition] = {
    "submit": _t("Trình thẩm định dự thảo", {Out.DRAFT}, Out.IN_REVIEW, DRAFTER, "note"),
    "review": _t("Thẩm định, trình ký", {Out.IN_REVIEW}, Out.AWAITING_APPROVAL, REVIEWER, "approver", "note"),
    "return": _t(
        "Trả lại dự thảo", {Out.IN_REVIEW, Out.AWAITING_APPROVAL, Out.APPROVED}, Out.DRAFT, REVIEWER, "reason"
    ),
    "approve": _t("Duyệt văn bản", {Out.AWAITING_APPROVAL}, Out.APPROVED, APPROVER, "signer_title"),
    "sign": _t("Ký số văn bản", {Out.APPROVED}, Out.SIGNED, APPROVER),
    "number": _t("Cấp số, ký hiệu", {Out.SIGNED}, Out.NUMBERED, CLERK, "notation", "pages"),
    "issue": _t("Ký số của cơ quan và phát hành", {Out.NUMBERED}, Out.ISSUED, CLERK, danger=True),
    "recall": _t("Thu hồi văn bản đã phát hành", {Out.ISSUED}, Out.RECALLED, CLERK, "reason", danger=True),
    "link_dossier": _t("Gắn với hồ sơ TTHC", set(Out.values) - {Out.RECALLED}, None, DRAFTER, "dossier_code"),
}

EVENT_LABELS: dict[str, str] = {
    "receive": "Tiếp nhận, vào sổ văn bản đến",
    "arrive": "Văn bản đến chờ vào sổ",
    "draft": "Tạo dự thảo",
    "remind": "Nhắc hạn xử lý",
    "deliver": "Gửi văn bản đến nơi nhận",
    "status": "Nơi nhận cập nhật trạng thái",
    **{f"in_{name}": t.label for name, t in INCOMING.items()},
    **{f"out_{name}": t.label for name, t in OUTGOING.items()},
}


def table(kind: str) -> dict[str, Transition]:
    return INCOMING if kind == "incoming" else OUTGOING


def allowed(kind: str, action: str, status: str) -> bool:
    transition = table(kind).get(action)
    return transition is not None and status in transition.sources


def check(kind: str, action: str, status: str, status_label: str) -> Transition:
    """Refuse the action unless the table allows it from ``status`` (who fires it: records/actors.py)."""
    transition = table(kind).get(action)
    if transition is None:
        raise DomainError(f"Không có thao tác “{action}” đối với văn bản.", code="unknown_action")
    if status not in transition.sources:
        raise Conflict(
            f"Không thể “{transition.label.lower()}” khi văn bản đang ở trạng thái “{status_label}”.",
            code="invalid_transition",
        )
    return transition
