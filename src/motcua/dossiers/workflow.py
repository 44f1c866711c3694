"""The dossier workflow in one table: states, actions, who may fire them, guards and inputs.

Each action is declared once, here: its name and label, the statuses it moves between, who may
fire it and where, its guards (``dossiers/guards.py``) and its typed input (``dossiers/inputs.py``).
The service performing it registers itself with ``@performs("name")`` (``dossiers/services/``)
and starts with ``workflow.check(snapshot, action, actor)``, the single enforcement point. The API's
action endpoints, the back office's action forms and docs/dossier-workflow.md (rendered by
``manage.py dossier_workflow_diagram``) are derived from the table: read it top to bottom to know
what can happen to a dossier. docs/dossiers.md says how to add an action.

Nothing here touches the database: a guard sees a :class:`Snapshot` (facts about the dossier,
loaded by ``Dossier.snapshot()``) and an :class:`Env` (the moment and the working calendar),
so the table is tested with plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from motcua.accounts import roles
from motcua.accounts.models import Role
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import inputs as i
from motcua.dossiers.constants import Status
from motcua.dossiers.facts import APPLICANT, ActiveStep, Actor, Env, Snapshot
from motcua.dossiers.guards import (
    Guard,
    approved,
    before_extension_deadline,
    has_active_step,
    has_next_step,
    has_previous_step,
    no_open_consultation,
    no_open_transfer,
    no_result_yet,
    not_approved,
    not_extended,
    not_rated,
    supplement_after_appraisal,
    supplement_at_intake,
    within_supplement_window,
)
from motcua.dossiers.inputs import ActionInput, NoInput

# The role groups of accounts.roles, as sets for the table's unions (``ONE_STOP | {APPLICANT}``).
ONE_STOP = frozenset(roles.ONE_STOP)
HEADS = frozenset(roles.HEADS)
HANDLERS = frozenset(roles.HANDLERS)
OFFICIALS = frozenset(roles.DOSSIER_ROLES)

# Where the actor's role must be held.
RECEIVING = "receiving"  # the one-stop unit that received the dossier
PROCESSING = "processing"  # the agency of the active step (the competent agency if none is active)
COMPETENT = "competent"  # the agency competent to resolve the dossier
CONSULTED = "consulted"  # an agency whose consultation is open
TRANSFERRED = "transferred"  # an agency of another level holding the dossier (liên thông)
OWNER = "owner"  # the applicant's own portal account


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[int]
    target: int | None  # None: the status does not change
    roles: frozenset[str]
    scope: str
    guards: tuple[Guard, ...] = ()
    input: type[ActionInput] = NoInput  # what it takes, validated once (dossiers/inputs.py)
    form: str = ""  # standard form issued (Circular 03/2025 Appendix I)
    step_bound: bool = False  # only the handler of the active step (or a head) may fire it
    danger: bool = False  # irreversible: people confirm before sending it


# --- The table --------------------------------------------------------------------------

S = Status
_BEFORE_RESULT = frozenset({S.SUBMITTED, S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION})


def _t(name: str, label: str, sources: set[int], target: int | None, roles: frozenset[str], scope: str, **kw: Any):
    return Transition(name, label, frozenset(sources), target, roles, scope, **kw)


TRANSITIONS: tuple[Transition, ...] = (
    # Online submission (portal)
    _t("update_draft", "Cập nhật hồ sơ nháp", {S.DRAFT}, None, frozenset({APPLICANT}), OWNER, input=i.DraftInput),
    _t(
        "submit_online",
        "Nộp hồ sơ trực tuyến",
        {S.DRAFT},
        S.SUBMITTED,
        frozenset({APPLICANT}),
        OWNER,
        input=i.DraftInput,
    ),
    # Reception decision (one-stop unit)
    _t("accept", "Tiếp nhận hồ sơ", {S.SUBMITTED}, S.ACCEPTED, ONE_STOP, RECEIVING, form="01", input=i.NoteInput),
    _t(
        "request_supplement_at_intake",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ (khi tiếp nhận)",
        {S.SUBMITTED},
        S.SUPPLEMENT_REQUESTED,
        ONE_STOP,
        RECEIVING,
        form="02",
        input=i.ItemsInput,
    ),
    _t(
        "resubmit",
        "Nộp lại hồ sơ đã bổ sung (khi tiếp nhận)",
        {S.SUPPLEMENT_REQUESTED},
        S.SUBMITTED,
        ONE_STOP | {APPLICANT},
        RECEIVING,
        guards=(supplement_at_intake,),
        input=i.SupplementReceivedInput,
    ),
    _t(
        "refuse_at_intake",
        "Từ chối tiếp nhận hồ sơ",
        {S.SUBMITTED},
        S.REFUSED_AT_INTAKE,
        ONE_STOP,
        RECEIVING,
        form="03",
        input=i.ReasonInput,
        danger=True,
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
        input=i.AssignInput,
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
        input=i.ForwardInput,
    ),
    _t(
        "return_to_previous",
        "Trả lại bước trước",
        {S.PROCESSING},
        S.PROCESSING,
        OFFICIALS,
        PROCESSING,
        guards=(has_active_step, has_previous_step),
        step_bound=True,
        input=i.ReasonInput,
    ),
    _t(
        "consult",
        "Xin ý kiến cơ quan phối hợp",
        {S.ACCEPTED, S.PROCESSING},
        S.PROCESSING,
        HANDLERS,
        PROCESSING,
        guards=(has_active_step,),
        step_bound=True,
        input=i.ConsultInput,
    ),
    _t(
        "answer_consultation",
        "Trả lời xin ý kiến",
        {S.PROCESSING},
        S.PROCESSING,
        HANDLERS,
        CONSULTED,
        input=i.AnswerInput,
    ),
    _t(
        "transfer_to_level",
        "Chuyển liên thông cơ quan cấp khác",
        {S.ACCEPTED, S.PROCESSING},
        S.PROCESSING,
        HANDLERS,
        PROCESSING,
        guards=(has_active_step, no_open_transfer),
        step_bound=True,
        input=i.TransferInput,
    ),
    _t(
        "return_from_level",
        "Trả kết quả liên thông về cơ quan tiếp nhận",
        {S.PROCESSING},
        S.PROCESSING,
        HANDLERS,
        TRANSFERRED,
        input=i.AnswerInput,
    ),
    _t(
        "request_supplement",
        "Yêu cầu bổ sung hồ sơ (sau thẩm định)",
        {S.ACCEPTED, S.PROCESSING},
        S.SUPPLEMENT_REQUESTED,
        HANDLERS,
        PROCESSING,
        guards=(within_supplement_window, no_result_yet),
        form="02",
        input=i.ItemsInput,
    ),
    _t(
        "receive_supplement",
        "Tiếp nhận hồ sơ bổ sung",
        {S.SUPPLEMENT_REQUESTED},
        S.PROCESSING,
        ONE_STOP,
        RECEIVING,
        guards=(supplement_after_appraisal,),
        input=i.SupplementReceivedInput,
    ),
    _t(
        "submit_supplement",
        "Nộp hồ sơ bổ sung",
        {S.SUPPLEMENT_REQUESTED},
        S.PROCESSING,
        frozenset({APPLICANT}),
        OWNER,
        guards=(supplement_after_appraisal,),
        input=i.SupplementInput,
    ),
    _t(
        "request_financial_obligation",
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        {S.ACCEPTED, S.PROCESSING},
        S.FINANCIAL_OBLIGATION,
        HANDLERS,
        PROCESSING,
        guards=(no_result_yet,),
        input=i.AmountInput,
    ),
    _t(
        "confirm_payment",
        "Xác nhận đã thực hiện nghĩa vụ tài chính",
        {S.FINANCIAL_OBLIGATION},
        S.PROCESSING,
        OFFICIALS,
        PROCESSING,
        input=i.NoteInput,
    ),
    _t(
        "extend",
        "Xin lỗi và gia hạn thời gian giải quyết",
        {S.ACCEPTED, S.PROCESSING},
        None,
        HANDLERS,
        PROCESSING,
        guards=(not_extended, before_extension_deadline, no_result_yet),
        form="04",
        input=i.ExtendInput,
    ),
    _t(
        "approve",
        "Phê duyệt kết quả",
        {S.PROCESSING},
        None,
        HEADS,
        PROCESSING,
        guards=(not_approved, no_open_consultation, no_open_transfer),
        input=i.NoteInput,
    ),
    _t(
        "refuse",
        "Từ chối giải quyết (sau thẩm định)",
        {S.PROCESSING},
        S.RESOLVED,
        HEADS,
        COMPETENT,
        guards=(no_result_yet, no_open_transfer),
        input=i.ReasonInput,
        danger=True,
    ),
    _t(
        "attach_result",
        "Đính kèm kết quả, hoàn thành xử lý",
        {S.PROCESSING},
        S.RESOLVED,
        HANDLERS,
        COMPETENT,
        guards=(approved, no_result_yet),
        input=i.ResultInput,
    ),
    # Return and closing
    _t(
        "return_result",
        "Trả kết quả cho tổ chức, cá nhân",
        {S.RESOLVED},
        S.RETURNED,
        ONE_STOP,
        RECEIVING,
        input=i.ReturnResultInput,
    ),
    _t(
        "withdraw_request",
        "Yêu cầu rút hồ sơ",
        set(_BEFORE_RESULT),
        S.WITHDRAWN,
        ONE_STOP | {APPLICANT},
        RECEIVING,
        guards=(no_result_yet,),
        input=i.WithdrawInput,
        danger=True,
    ),
    _t(
        "stop",
        "Dừng giải quyết hồ sơ",
        {S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWN},
        S.STOPPED,
        ONE_STOP,
        RECEIVING,
        guards=(no_result_yet,),
        form="05",
        input=i.ReasonInput,
        danger=True,
    ),
    _t(
        "rate",
        "Đánh giá mức độ hài lòng",
        {S.RETURNED},
        None,
        frozenset({APPLICANT}),
        OWNER,
        guards=(not_rated,),
        input=i.RateInput,
    ),
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
