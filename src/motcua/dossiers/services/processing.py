"""Processing along the internal process: assign, forward, return, consult, transfer, approve, result."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from motcua.accounts.models import Role, User
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import deadlines, workflow
from motcua.dossiers.actors import ActingAs
from motcua.dossiers.constants import Outcome, StepKind, StepState
from motcua.dossiers.models import Dossier, DossierStep, FilePurpose
from motcua.dossiers.outstanding import steps_left_out as steps_left_out  # read by the result form too
from motcua.dossiers.services import assignment, notices, steps
from motcua.dossiers.services.base import ActionContext, begin, finish, require
from motcua.dossiers.services.dispatch import performs
from motcua.dossiers.services.received import attach_all
from motcua.dossiers.tasks import notify_applicant
from motcua.organisations.models import Agency

DEFAULT_CONSULTATION_DAYS = Decimal(3)


class StepsRemaining(DomainError):
    """Attaching the result would leave out steps of the published process that may not be skipped."""

    code = "steps_remaining"
    status = 409


def _actor_agencies(ctx: ActionContext) -> set[int]:
    return {ctx.agency_id} if ctx.agency_id else set()


@performs("assign")
@transaction.atomic
def assign(
    dossier: Dossier | int,
    *,
    actor: User,
    handler: User,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """The head of the unit names the handler of the active step."""
    ctx = begin(dossier, "assign", actor=actor, expected_version=expected_version, now=now, acting=acting)
    step = steps.step_for_actor(ctx.dossier, actor, _actor_agencies(ctx))
    if not assignment.may_handle(handler, step):
        role = Role(step.role).label.lower() if step.role in Role.values else step.role
        raise DomainError(
            f"{handler} không có vai trò {role} tại {step.agency.name} hoặc đơn vị trực thuộc.",
            code="invalid",
            fields={"handler": ["Cán bộ không hợp lệ."]},
        )
    step.handler, step.assigned_at = handler, ctx.now
    step.save(update_fields=["handler", "assigned_at"])
    return finish(ctx, note=note, data={"step": step.name, "handler": handler.pk})


@performs("forward")
@transaction.atomic
def forward(
    dossier: Dossier | int,
    *,
    actor: User,
    note: str = "",
    next_handler: User | None = None,
    files: Sequence[UploadedFile] = (),
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Finish the actor's active step (classified early/on time/late) and pass to the next one."""
    ctx = begin(dossier, "forward", actor=actor, expected_version=expected_version, now=now, acting=acting)
    step = steps.step_for_actor(ctx.dossier, actor, _actor_agencies(ctx))
    stored = attach_all(ctx.dossier, files, purpose=FilePurpose.WORKING, user=actor, now=ctx.now)
    nxt = ctx.dossier.steps.filter(kind=StepKind.PROCESS, state=StepState.PENDING, order__gt=step.order).first()
    steps.finish_step(step, ctx.now, user=actor, to_agency=nxt.agency if nxt else None, note=note)
    activated = steps.activate_next(ctx.dossier, step.order, ctx.now, handler=next_handler)
    assignment.auto_assign(ctx, activated)
    return finish(ctx, note=note, data={"step": step.name, "next": [s.name for s in activated]}, files=stored)


@performs("return_to_previous")
@transaction.atomic
def return_to_previous(
    dossier: Dossier | int,
    *,
    actor: User,
    reason: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Send the dossier back to the previous step with a reason (e.g. the leader returns a draft)."""
    require(reason and reason.strip(), "reason", "Cần ghi rõ lý do trả lại.")
    ctx = begin(dossier, "return_to_previous", actor=actor, expected_version=expected_version, now=now, acting=acting)
    step = steps.step_for_actor(ctx.dossier, actor, _actor_agencies(ctx))
    previous = (
        ctx.dossier.steps.filter(kind=StepKind.PROCESS, order__lt=step.order, state=StepState.DONE)
        .order_by("-order", "-pk")
        .first()
    )
    if previous is None:
        raise DomainError("Không có bước trước để trả lại.", code="action_not_allowed")
    steps.finish_step(step, ctx.now, user=actor, state=StepState.RETURNED, to_agency=previous.agency, note=reason)
    # The returned step will run again after the previous one is redone.
    step.state, step.started_at, step.finished_at, step.timing = StepState.PENDING, None, None, ""
    step.save(update_fields=["state", "started_at", "finished_at", "timing"])
    previous.state, previous.started_at, previous.finished_at, previous.timing = StepState.ACTIVE, ctx.now, None, ""
    previous.save(update_fields=["state", "started_at", "finished_at", "timing"])
    return finish(ctx, note=reason, data={"from": step.name, "to": previous.name})


@performs("consult")
@transaction.atomic
def consult(
    dossier: Dossier | int,
    *,
    actor: User,
    agencies: Sequence[Agency],
    content: str,
    days: Decimal | int = DEFAULT_CONSULTATION_DAYS,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Ask other agencies for their opinion, in parallel, each with its own deadline."""
    require(list(agencies), "agencies", "Chọn ít nhất một cơ quan phối hợp.")
    require(content and content.strip(), "content", "Cần nêu nội dung xin ý kiến.")
    ctx = begin(dossier, "consult", actor=actor, expected_version=expected_version, now=now, acting=acting)
    step = steps.step_for_actor(ctx.dossier, actor, _actor_agencies(ctx))
    due = deadlines.add_duration(ctx.env.calendar, ctx.now, Decimal(days), "working_days")
    for agency in agencies:
        steps.open_side_step(
            ctx.dossier,
            kind=StepKind.CONSULTATION,
            agency=agency,
            name=f"Xin ý kiến {agency.name}",
            content=content,
            now=ctx.now,
            due_at=due,
            order=step.order,
            duration_value=Decimal(days),
        )
    return finish(ctx, note=content, data={"agencies": [a.pk for a in agencies], "due_at": due.isoformat()})


def _open_side_step(ctx: ActionContext, kind: str) -> DossierStep:
    found = (
        ctx.dossier.steps.filter(kind=kind, state=StepState.ACTIVE, agency_id=ctx.agency_id or 0)
        .select_related("agency")
        .first()
    )
    if found is None:  # the workflow checked the agency; keep a clear message anyway
        raise DomainError("Không có yêu cầu đang chờ cơ quan của bạn trả lời.", code="action_not_allowed")
    return found


def _answer_side_step(
    ctx: ActionContext, kind: str, *, actor: User, answer: str, files: Sequence[UploadedFile]
) -> Dossier:
    """Close the consultation or inter-level step open at the actor's agency; the answer goes back."""
    step = _open_side_step(ctx, kind)
    stored = attach_all(ctx.dossier, files, purpose=FilePurpose.WORKING, user=actor, now=ctx.now)
    steps.finish_step(step, ctx.now, user=actor, answer=answer, to_agency=ctx.dossier.competent_agency)
    return finish(ctx, note=answer, data={"timing": step.timing}, files=stored)


@performs("answer_consultation")
@transaction.atomic
def answer_consultation(
    dossier: Dossier | int,
    *,
    actor: User,
    answer: str,
    files: Sequence[UploadedFile] = (),
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    require(answer and answer.strip(), "answer", "Cần nhập nội dung ý kiến.")
    ctx = begin(dossier, "answer_consultation", actor=actor, expected_version=expected_version, now=now, acting=acting)
    return _answer_side_step(ctx, StepKind.CONSULTATION, actor=actor, answer=answer, files=files)


@performs("transfer_to_level")
@transaction.atomic
def transfer_to_level(
    dossier: Dossier | int,
    *,
    actor: User,
    agency: Agency,
    content: str,
    days: Decimal | int,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Liên thông: send the dossier to an agency of another level; its result comes back here."""
    require(content and content.strip(), "content", "Cần nêu nội dung chuyển liên thông.")
    ctx = begin(dossier, "transfer_to_level", actor=actor, expected_version=expected_version, now=now, acting=acting)
    if agency.pk == ctx.dossier.competent_agency_id:
        raise DomainError("Chọn cơ quan khác cơ quan đang giải quyết.", code="invalid", fields={"agency": []})
    step = steps.step_for_actor(ctx.dossier, actor, _actor_agencies(ctx))
    due = deadlines.add_duration(ctx.env.calendar, ctx.now, Decimal(days), "working_days")
    side = steps.open_side_step(
        ctx.dossier,
        kind=StepKind.INTERLEVEL,
        agency=agency,
        name=f"Liên thông: {agency.name}",
        content=content,
        now=ctx.now,
        due_at=due,
        order=step.order,
        duration_value=Decimal(days),
    )
    return finish(ctx, note=content, data={"agency": agency.pk, "step": side.pk, "due_at": due.isoformat()})


@performs("return_from_level")
@transaction.atomic
def return_from_level(
    dossier: Dossier | int,
    *,
    actor: User,
    answer: str,
    files: Sequence[UploadedFile] = (),
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    require(answer and answer.strip(), "answer", "Cần nhập kết quả xử lý liên thông.")
    ctx = begin(dossier, "return_from_level", actor=actor, expected_version=expected_version, now=now, acting=acting)
    return _answer_side_step(ctx, StepKind.INTERLEVEL, actor=actor, answer=answer, files=files)


@performs("approve")
@transaction.atomic
def approve(
    dossier: Dossier | int,
    *,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """The leader approves (signs); attaching the result then ends the competent agency's steps."""
    ctx = begin(dossier, "approve", actor=actor, expected_version=expected_version, now=now, acting=acting)
    ctx.dossier.approved_at = ctx.now
    ctx.dossier.approved_by = actor
    return finish(ctx, note=note)


def _resolve(ctx: ActionContext, outcome: str, reason: str = "") -> None:
    dossier = ctx.dossier
    dossier.outcome = outcome
    dossier.outcome_reason = reason
    dossier.resolved_at = ctx.now
    dossier.timing = deadlines.classify(ctx.now, dossier.due_at)
    last_order = 0
    for step in steps.active_process_steps(dossier):
        steps.finish_step(step, ctx.now, user=ctx.user, to_agency=dossier.receiving_agency)
        last_order = max(last_order, step.order)
    for step in dossier.steps.filter(state=StepState.ACTIVE).exclude(kind=StepKind.PROCESS):
        step.state = StepState.CANCELLED
        step.save(update_fields=["state"])
    # What remains of the process belongs to the one-stop unit (returning the result); steps of
    # the competent agency skipped by an early refusal are cancelled.
    pending = dossier.steps.filter(kind=StepKind.PROCESS, state=StepState.PENDING)
    pending.exclude(role=Role.ONE_STOP_OFFICER).update(state=StepState.CANCELLED)
    assignment.auto_assign(ctx, steps.activate_next(dossier, last_order, ctx.now))
    # A refusal is announced as a refusal, with its reasons; never as a result ready to collect.
    notify_applicant(dossier.pk, "result_ready" if outcome == Outcome.GRANTED else "refused")


def _quoted(rows: Sequence[DossierStep]) -> str:
    return "; ".join(f"“{row.name}”" for row in rows)


def _skip(ctx: ActionContext, left_out: list[DossierStep], reason: str) -> dict[str, Any]:
    """Mark the steps left out as skipped, if the process and the actor allow it; the event's data.

    A step may be skipped only when the published process marks it ``skippable``, by a head or
    leader of the step's agency, with a reason: otherwise the action is refused and the message
    lists the steps that remain.
    """
    if not left_out:
        return {}
    reason = reason.strip()
    if not reason:
        message = (
            f"Quy trình nội bộ còn bước chưa thực hiện: {_quoted(left_out)}. Hãy chuyển hồ sơ lần lượt qua các "
            "bước này; chỉ được bỏ qua bước mà quy trình cho phép, do lãnh đạo cơ quan thực hiện bước quyết định "
            "và ghi rõ lý do."
        )
        raise StepsRemaining(message, fields={"skip_reason": [message]})
    fixed = [row for row in left_out if not row.skippable]
    if fixed:
        message = (
            f"Quy trình nội bộ không cho phép bỏ qua bước: {_quoted(fixed)}. "
            "Hãy chuyển hồ sơ qua các bước này trước khi đính kèm kết quả."
        )
        raise StepsRemaining(message, fields={"skip_reason": [message]})
    actor = ctx.actor
    not_theirs = [row for row in left_out if actor is None or not actor.holds(row.agency_id, workflow.HEADS)]
    if not_theirs:
        message = f"Chỉ lãnh đạo cơ quan thực hiện bước mới được bỏ qua bước: {_quoted(not_theirs)}."
        raise PermissionDenied(message, fields={"skip_reason": [message]})
    for row in left_out:
        row.state, row.answer = StepState.SKIPPED, reason
    DossierStep.objects.bulk_update(left_out, ["state", "answer"])
    return {"skipped": [row.name for row in left_out], "skip_reason": reason}


@performs("attach_result")
@transaction.atomic
def attach_result(
    dossier: Dossier | int,
    *,
    actor: User,
    result_files: Sequence[UploadedFile],
    note: str = "",
    skip_reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Attach the signed result: the dossier is "Đã xử lý xong" and classified early/on time/late.

    Steps of the process not reached yet are left out only as :func:`_skip` allows (``skip_reason``).
    """
    require(list(result_files), "result_files", "Cần đính kèm tệp kết quả giải quyết.")
    ctx = begin(dossier, "attach_result", actor=actor, expected_version=expected_version, now=now, acting=acting)
    skipped = _skip(ctx, steps_left_out(ctx.dossier), skip_reason)
    stored = attach_all(
        ctx.dossier, result_files, purpose=FilePurpose.RESULT, user=actor, now=ctx.now, field="result_files"
    )
    # The electronic result: each PDF signed by the leader who approved it (if they hold a key) and the agency.
    just_attached = list(ctx.dossier.files.filter(purpose=FilePurpose.RESULT, uploaded_at=ctx.now, name__in=stored))
    signed = notices.sign_stored_results(ctx.dossier, just_attached, person=ctx.dossier.approved_by, now=ctx.now)
    _resolve(ctx, Outcome.GRANTED)
    data = {"timing": ctx.dossier.timing, **skipped, **({"signed_files": signed} if signed else {})}
    return finish(ctx, note=note, data=data, files=stored)


@performs("refuse")
@transaction.atomic
def refuse(
    dossier: Dossier | int,
    *,
    actor: User,
    reason: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    acting: ActingAs | None = None,
) -> Dossier:
    """Refusal after appraisal, within the time limit; the reasons are the result.

    The competent agency's refusal notice (reasons and legal basis) is issued as the dossier's
    result file: the one-stop unit returns it as it would return a result.
    """
    require(reason and reason.strip(), "reason", "Cần ghi rõ lý do từ chối giải quyết.")
    ctx = begin(dossier, "refuse", actor=actor, expected_version=expected_version, now=now, acting=acting)
    _resolve(ctx, Outcome.REFUSED, reason.strip())
    notice = notices.store_refusal_notice(ctx.dossier, signer=actor, now=ctx.now)
    return finish(ctx, note=reason.strip(), data={"timing": ctx.dossier.timing}, files=[notice.name])
