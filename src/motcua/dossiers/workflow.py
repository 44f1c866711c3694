"""The dossier workflow in one table: states, actions, who may fire them, guards and inputs.

Every change of a dossier goes through a service in ``dossiers.services``; each service starts
with ``workflow.check(snapshot, action, actor)``, the single enforcement point. The table below
is the whole lifecycle: read it top to bottom to know what can happen to a dossier.
``manage.py dossier_workflow_diagram`` renders it to docs/dossier-workflow.md.

Nothing here touches the database: a guard sees a :class:`Snapshot` (facts about the dossier,
loaded by ``Dossier.snapshot()``) and an :class:`Env` (the moment and the working calendar),
so the table is tested with plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from motcua.accounts.models import Role
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers.constants import Status, SupplementStage
from motcua.workdays.clock import WorkingCalendar, working_time_between

APPLICANT = "applicant"  # pseudo-role: the applicant owning the dossier (portal account)

ONE_STOP = frozenset({Role.ONE_STOP_OFFICER.value})
HEADS = frozenset({Role.HEAD_OF_DIVISION.value, Role.LEADER.value})
HANDLERS = frozenset({Role.SPECIALIST.value}) | HEADS
OFFICIALS = ONE_STOP | HANDLERS

# Where the actor's role must be held.
RECEIVING = "receiving"  # the one-stop unit that received the dossier
PROCESSING = "processing"  # the agency of the active step (the competent agency if none is active)
COMPETENT = "competent"  # the agency competent to resolve the dossier
CONSULTED = "consulted"  # an agency whose consultation is open
TRANSFERRED = "transferred"  # an agency of another level holding the dossier (liên thông)
OWNER = "owner"  # the applicant's own portal account

SUPPLEMENT_WINDOW_DAYS = 3  # Decree 61/2018 Art. 19: within 3 working days of receipt
EXTENSION_NOTICE_DAYS = 1  # at least 1 working day before the due moment


@dataclass(frozen=True)
class ActiveStep:
    agency_id: int
    role: str
    handler_id: int | None


@dataclass(frozen=True)
class Snapshot:
    """What the workflow needs to know about a dossier (built by ``Dossier.snapshot()``)."""

    status: int
    receiving_agency_id: int | None = None
    competent_agency_id: int | None = None
    applicant_user_id: int | None = None
    supplement_stage: str = ""
    clock_started_at: datetime | None = None
    due_at: datetime | None = None
    extended: bool = False
    approved: bool = False
    has_result: bool = False
    rated: bool = False
    active_steps: tuple[ActiveStep, ...] = ()  # active steps of the internal process (parallel ones too)
    has_previous_step: bool = False
    has_next_step: bool = False
    open_consultation_agency_ids: frozenset[int] = frozenset()
    open_transfer_agency_ids: frozenset[int] = frozenset()

    @property
    def active_step(self) -> ActiveStep | None:
        return self.active_steps[0] if self.active_steps else None


@dataclass(frozen=True)
class Actor:
    """Who acts: a user with (agency, role) pairs, or the applicant owning the dossier."""

    user_id: int | None
    roles: frozenset[tuple[int, str]] = frozenset()
    is_superuser: bool = False

    def holds(self, agency_id: int | None, roles: frozenset[str]) -> bool:
        if agency_id is None:
            return False
        if self.is_superuser:
            return bool(roles - {APPLICANT})
        return any((agency_id, role) in self.roles for role in roles)


@dataclass(frozen=True)
class Env:
    now: datetime
    calendar: WorkingCalendar


Guard = Callable[[Snapshot, Env], str | None]  # returns the Vietnamese refusal, or None


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[int]
    target: int | None  # None: the status does not change
    roles: frozenset[str]
    scope: str
    guards: tuple[Guard, ...] = ()
    inputs: tuple[str, ...] = ()  # required inputs (validated again by the service)
    form: str = ""  # standard form issued (Circular 03/2025 Appendix I)
    step_bound: bool = False  # only the handler of the active step (or a head) may fire it
    extra: dict[str, Any] = field(default_factory=dict)


# --- Guards -----------------------------------------------------------------------------


def no_result_yet(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đã có kết quả giải quyết." if snap.has_result else None


def supplement_at_intake(snap: Snapshot, env: Env) -> str | None:
    ok = snap.supplement_stage == SupplementStage.INTAKE
    return None if ok else "Yêu cầu bổ sung này không phải ở khâu tiếp nhận."


def supplement_after_appraisal(snap: Snapshot, env: Env) -> str | None:
    ok = snap.supplement_stage == SupplementStage.PROCESSING
    return None if ok else "Yêu cầu bổ sung này được đưa ra ở khâu tiếp nhận."


def within_supplement_window(snap: Snapshot, env: Env) -> str | None:
    if snap.clock_started_at is None:
        return "Hồ sơ chưa được tiếp nhận."
    elapsed = working_time_between(env.calendar, snap.clock_started_at, env.now)
    if elapsed > env.calendar.day_length * SUPPLEMENT_WINDOW_DAYS:
        return "Chỉ được yêu cầu bổ sung trong 3 ngày làm việc kể từ ngày nhận hồ sơ."
    return None


def not_extended(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đã được gia hạn một lần; chỉ được hẹn lại ngày trả kết quả một lần." if snap.extended else None


def before_extension_deadline(snap: Snapshot, env: Env) -> str | None:
    if snap.due_at is None:
        return "Hồ sơ chưa có hạn giải quyết."
    remaining = working_time_between(env.calendar, env.now, snap.due_at)
    if env.now >= snap.due_at or remaining < env.calendar.day_length * EXTENSION_NOTICE_DAYS:
        return "Phải gia hạn chậm nhất 1 ngày làm việc trước hạn trả kết quả."
    return None


def not_approved(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đã được phê duyệt." if snap.approved else None


def approved(snap: Snapshot, env: Env) -> str | None:
    return None if snap.approved else "Hồ sơ chưa được lãnh đạo phê duyệt."


def has_active_step(snap: Snapshot, env: Env) -> str | None:
    return None if snap.active_step else "Hồ sơ không có bước xử lý đang thực hiện."


def has_next_step(snap: Snapshot, env: Env) -> str | None:
    return None if snap.has_next_step else "Đây là bước cuối của quy trình; hãy phê duyệt hoặc trả kết quả."


def has_previous_step(snap: Snapshot, env: Env) -> str | None:
    return None if snap.has_previous_step else "Không có bước trước để trả lại."


def no_open_consultation(snap: Snapshot, env: Env) -> str | None:
    return "Còn ý kiến phối hợp chưa trả lời." if snap.open_consultation_agency_ids else None


def no_open_transfer(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đang được xử lý liên thông ở cơ quan cấp khác." if snap.open_transfer_agency_ids else None


def not_rated(snap: Snapshot, env: Env) -> str | None:
    return "Hồ sơ đã được đánh giá." if snap.rated else None


# --- The table --------------------------------------------------------------------------

S = Status
_BEFORE_RESULT = frozenset({S.SUBMITTED, S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION})


def _t(name: str, label: str, sources: set[int], target: int | None, roles: frozenset[str], scope: str, **kw: Any):
    return Transition(name, label, frozenset(sources), target, roles, scope, **kw)


TRANSITIONS: tuple[Transition, ...] = (
    # Online submission (portal)
    _t("update_draft", "Cập nhật hồ sơ nháp", {S.DRAFT}, None, frozenset({APPLICANT}), OWNER),
    _t("submit_online", "Nộp hồ sơ trực tuyến", {S.DRAFT}, S.SUBMITTED, frozenset({APPLICANT}), OWNER),
    # Reception decision (one-stop unit)
    _t("accept", "Tiếp nhận hồ sơ", {S.SUBMITTED}, S.ACCEPTED, ONE_STOP, RECEIVING, form="01"),
    _t(
        "request_supplement_at_intake",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ (khi tiếp nhận)",
        {S.SUBMITTED},
        S.SUPPLEMENT_REQUESTED,
        ONE_STOP,
        RECEIVING,
        inputs=("items",),
        form="02",
    ),
    _t(
        "resubmit",
        "Nộp lại hồ sơ đã bổ sung (khi tiếp nhận)",
        {S.SUPPLEMENT_REQUESTED},
        S.SUBMITTED,
        ONE_STOP | {APPLICANT},
        RECEIVING,
        guards=(supplement_at_intake,),
    ),
    _t(
        "refuse_at_intake",
        "Từ chối tiếp nhận hồ sơ",
        {S.SUBMITTED},
        S.REFUSED_AT_INTAKE,
        ONE_STOP,
        RECEIVING,
        inputs=("reason",),
        form="03",
    ),
    # Processing along the internal process (competent agency)
    _t(
        "assign",
        "Phân công cán bộ xử lý",
        {S.ACCEPTED, S.PROCESSING},
        S.PROCESSING,
        HEADS,
        PROCESSING,
        guards=(has_active_step,),
        inputs=("handler",),
    ),
    _t(
        "forward",
        "Chuyển bước tiếp theo",
        {S.ACCEPTED, S.PROCESSING},
        S.PROCESSING,
        OFFICIALS,
        PROCESSING,
        guards=(has_active_step, has_next_step, no_open_consultation, no_open_transfer),
        step_bound=True,
    ),
    _t(
        "return_to_previous",
        "Trả lại bước trước",
        {S.PROCESSING},
        S.PROCESSING,
        OFFICIALS,
        PROCESSING,
        guards=(has_active_step, has_previous_step),
        inputs=("reason",),
        step_bound=True,
    ),
    _t(
        "consult",
        "Xin ý kiến cơ quan phối hợp",
        {S.ACCEPTED, S.PROCESSING},
        S.PROCESSING,
        HANDLERS,
        PROCESSING,
        guards=(has_active_step,),
        inputs=("agencies", "content"),
        step_bound=True,
    ),
    _t(
        "answer_consultation",
        "Trả lời xin ý kiến",
        {S.PROCESSING},
        S.PROCESSING,
        HANDLERS,
        CONSULTED,
        inputs=("answer",),
    ),
    _t(
        "transfer_to_level",
        "Chuyển liên thông cơ quan cấp khác",
        {S.ACCEPTED, S.PROCESSING},
        S.PROCESSING,
        HANDLERS,
        PROCESSING,
        guards=(has_active_step, no_open_transfer),
        inputs=("agency", "content"),
        step_bound=True,
    ),
    _t(
        "return_from_level",
        "Trả kết quả liên thông về cơ quan tiếp nhận",
        {S.PROCESSING},
        S.PROCESSING,
        HANDLERS,
        TRANSFERRED,
        inputs=("answer",),
    ),
    _t(
        "request_supplement",
        "Yêu cầu bổ sung hồ sơ (sau thẩm định)",
        {S.ACCEPTED, S.PROCESSING},
        S.SUPPLEMENT_REQUESTED,
        HANDLERS,
        PROCESSING,
        guards=(within_supplement_window, no_result_yet),
        inputs=("items",),
        form="02",
    ),
    _t(
        "receive_supplement",
        "Tiếp nhận hồ sơ bổ sung",
        {S.SUPPLEMENT_REQUESTED},
        S.PROCESSING,
        ONE_STOP,
        RECEIVING,
        guards=(supplement_after_appraisal,),
    ),
    _t(
        "submit_supplement",
        "Nộp hồ sơ bổ sung",
        {S.SUPPLEMENT_REQUESTED},
        S.PROCESSING,
        frozenset({APPLICANT}),
        OWNER,
        guards=(supplement_after_appraisal,),
    ),
    _t(
        "request_financial_obligation",
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        {S.ACCEPTED, S.PROCESSING},
        S.FINANCIAL_OBLIGATION,
        HANDLERS,
        PROCESSING,
        guards=(no_result_yet,),
        inputs=("amount",),
    ),
    _t(
        "confirm_payment",
        "Xác nhận đã thực hiện nghĩa vụ tài chính",
        {S.FINANCIAL_OBLIGATION},
        S.PROCESSING,
        OFFICIALS,
        PROCESSING,
    ),
    _t(
        "extend",
        "Xin lỗi và gia hạn thời gian giải quyết",
        {S.ACCEPTED, S.PROCESSING},
        None,
        HANDLERS,
        PROCESSING,
        guards=(not_extended, before_extension_deadline, no_result_yet),
        inputs=("new_due_at", "reason"),
        form="04",
    ),
    _t(
        "approve",
        "Phê duyệt kết quả",
        {S.PROCESSING},
        None,
        HEADS,
        PROCESSING,
        guards=(not_approved, no_open_consultation, no_open_transfer),
    ),
    _t(
        "refuse",
        "Từ chối giải quyết (sau thẩm định)",
        {S.PROCESSING},
        S.RESOLVED,
        HEADS,
        COMPETENT,
        guards=(no_result_yet, no_open_transfer),
        inputs=("reason",),
    ),
    _t(
        "attach_result",
        "Đính kèm kết quả, hoàn thành xử lý",
        {S.PROCESSING},
        S.RESOLVED,
        HANDLERS,
        COMPETENT,
        guards=(approved, no_result_yet),
        inputs=("result_files",),
    ),
    # Return and closing
    _t(
        "return_result",
        "Trả kết quả cho tổ chức, cá nhân",
        {S.RESOLVED},
        S.RETURNED,
        ONE_STOP,
        RECEIVING,
        inputs=("method",),
    ),
    _t(
        "withdraw_request",
        "Yêu cầu rút hồ sơ",
        set(_BEFORE_RESULT),
        S.WITHDRAWN,
        ONE_STOP | {APPLICANT},
        RECEIVING,
        guards=(no_result_yet,),
    ),
    _t(
        "stop",
        "Dừng giải quyết hồ sơ",
        {S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWN},
        S.STOPPED,
        ONE_STOP,
        RECEIVING,
        guards=(no_result_yet,),
        inputs=("reason",),
        form="05",
    ),
    _t("rate", "Đánh giá mức độ hài lòng", {S.RETURNED}, None, frozenset({APPLICANT}), OWNER, guards=(not_rated,)),
)

BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}
ACTION_NAMES: tuple[str, ...] = tuple(BY_NAME)


class ActionNotAllowed(DomainError):
    code = "action_not_allowed"
    status = 409


class UnknownAction(DomainError):
    code = "unknown_action"
    status = 404


def get(action: str) -> Transition:
    try:
        return BY_NAME[action]
    except KeyError:
        raise UnknownAction(f"Không có thao tác “{action}” đối với hồ sơ.") from None


def target_status(snap: Snapshot, transition: Transition) -> int:
    return snap.status if transition.target is None else transition.target


def _scope_agencies(snap: Snapshot, scope: str) -> frozenset[int]:
    if scope == RECEIVING:
        return frozenset({snap.receiving_agency_id} - {None})  # type: ignore[arg-type]
    if scope == PROCESSING:
        if snap.active_steps:
            return frozenset(step.agency_id for step in snap.active_steps)
        return frozenset({snap.competent_agency_id} - {None})  # type: ignore[arg-type]
    if scope == COMPETENT:
        return frozenset({snap.competent_agency_id} - {None})  # type: ignore[arg-type]
    if scope == CONSULTED:
        return snap.open_consultation_agency_ids
    if scope == TRANSFERRED:
        return snap.open_transfer_agency_ids
    return frozenset()


def permitted(snap: Snapshot, transition: Transition, actor: Actor) -> bool:
    """Whether ``actor`` may fire ``transition`` on this dossier (roles and place only)."""
    if APPLICANT in transition.roles and actor.user_id is not None and actor.user_id == snap.applicant_user_id:
        return True
    official_roles = transition.roles - {APPLICANT}
    if not official_roles:
        return False
    agencies = _scope_agencies(snap, transition.scope)
    if not any(actor.holds(agency_id, official_roles) for agency_id in agencies):
        return False
    if transition.step_bound and snap.active_steps:
        return any(fits_step(step, actor) for step in snap.active_steps)
    return True


def fits_step(step: ActiveStep, actor: Actor) -> bool:
    """The step's handler, or (unassigned) an official with the step's role, or a head of its agency."""
    if actor.is_superuser or actor.holds(step.agency_id, HEADS):
        return True
    if step.handler_id is not None:
        return step.handler_id == actor.user_id
    return actor.holds(step.agency_id, frozenset({step.role}))


def refusal(snap: Snapshot, action: str, actor: Actor, env: Env) -> DomainError | None:
    """The error that ``check`` would raise, or None when the action is allowed now."""
    transition = get(action)
    if snap.status not in transition.sources:
        status_label = Status(snap.status).label
        return ActionNotAllowed(f"Không thể “{transition.label.lower()}” khi hồ sơ đang ở trạng thái “{status_label}”.")
    if not permitted(snap, transition, actor):
        return PermissionDenied(f"Bạn không có quyền “{transition.label.lower()}” đối với hồ sơ này.")
    for guard in transition.guards:
        message = guard(snap, env)
        if message:
            return ActionNotAllowed(message)
    return None


def check(snap: Snapshot, action: str, actor: Actor, env: Env) -> Transition:
    """The single enforcement point: raise a DomainError unless ``actor`` may fire ``action`` now."""
    error = refusal(snap, action, actor, env)
    if error is not None:
        raise error
    return get(action)


def available(snap: Snapshot, actor: Actor, env: Env) -> list[Transition]:
    """The actions this actor may take now, in table order (for the UI)."""
    return [t for t in TRANSITIONS if refusal(snap, t.name, actor, env) is None]


# Roles in the order of the ``Role`` declaration: one-stop officer, specialist, head, leader…
ROLE_ORDER: tuple[str, ...] = tuple(Role.values)


def acting_as(snap: Snapshot, transition: Transition, actor: Actor) -> tuple[int | None, str]:
    """(agency, role) the actor uses for this action, recorded in the history.

    An actor restricted to the membership chosen in the back office (or named in the API request)
    holds one role, which is the one recorded. Otherwise the rule is: the role an active step at
    that agency asks for, when the official holds it (the specialist's step is recorded as the
    specialist's even if they also lead the division); else the first role held in ``ROLE_ORDER``.
    """
    if APPLICANT in transition.roles and actor.user_id is not None and actor.user_id == snap.applicant_user_id:
        return None, APPLICANT
    official_roles = transition.roles - {APPLICANT}
    for agency_id in sorted(_scope_agencies(snap, transition.scope)):
        step_roles = [step.role for step in snap.active_steps if step.agency_id == agency_id]
        for role in [*step_roles, *ROLE_ORDER]:
            if role in official_roles and (agency_id, role) in actor.roles:
                return agency_id, role
        if actor.is_superuser:
            return agency_id, "superuser"
    return None, ""
