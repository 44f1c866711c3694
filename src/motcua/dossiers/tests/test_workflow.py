"""The workflow table, tested with plain values: every allowed transition, and refused ones."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from motcua.core.exceptions import PermissionDenied
from motcua.dossiers import workflow
from motcua.dossiers.constants import Status, SupplementStage
from motcua.dossiers.workflow import APPLICANT, ActionNotAllowed, ActiveStep, Actor, Env, Snapshot, UnknownAction
from motcua.workdays.clock import WorkingCalendar
from motcua.workdays.constants import VIETNAM_TZ

CAL = WorkingCalendar()
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM_TZ)
ENV = Env(now=MONDAY, calendar=CAL)
CENTRE, DEPT, PARTNER, OTHER_LEVEL = 1, 2, 3, 4
APPLICANT_USER = 99

ONE_STOP = Actor(10, frozenset({(CENTRE, "one_stop_officer")}))
SPECIALIST = Actor(11, frozenset({(DEPT, "specialist")}))
HEAD = Actor(12, frozenset({(DEPT, "head_of_division")}))
LEADER = Actor(13, frozenset({(DEPT, "leader")}))
PARTNER_SPECIALIST = Actor(14, frozenset({(PARTNER, "specialist")}))
LEVEL_SPECIALIST = Actor(15, frozenset({(OTHER_LEVEL, "specialist")}))
OWNER = Actor(APPLICANT_USER)
STRANGER = Actor(16, frozenset({(5, "one_stop_officer"), (5, "leader")}))


def snap(status: int, **facts: object) -> Snapshot:
    base: dict[str, object] = {
        "status": status,
        "receiving_agency_id": CENTRE,
        "competent_agency_id": DEPT,
        "applicant_user_id": APPLICANT_USER,
        "clock_started_at": MONDAY - timedelta(hours=2),
        "due_at": MONDAY + timedelta(days=4),
        "active_steps": (ActiveStep(DEPT, "specialist", None),) if status == Status.PROCESSING else (),
        "has_previous_step": status == Status.PROCESSING,
        "has_next_step": status == Status.PROCESSING,
    }
    base.update(facts)
    return Snapshot(**base)  # type: ignore[arg-type]


S = Status
# (action, snapshot, actor, expected status afterwards) — one row per transition of the table.
ALLOWED = [
    ("update_draft", snap(S.DRAFT), OWNER, S.DRAFT),
    ("submit_online", snap(S.DRAFT), OWNER, S.SUBMITTED),
    ("accept", snap(S.SUBMITTED), ONE_STOP, S.ACCEPTED),
    ("request_supplement_at_intake", snap(S.SUBMITTED), ONE_STOP, S.SUPPLEMENT_REQUESTED),
    ("resubmit", snap(S.SUPPLEMENT_REQUESTED, supplement_stage=SupplementStage.INTAKE), OWNER, S.SUBMITTED),
    ("resubmit", snap(S.SUPPLEMENT_REQUESTED, supplement_stage=SupplementStage.INTAKE), ONE_STOP, S.SUBMITTED),
    ("refuse_at_intake", snap(S.SUBMITTED), ONE_STOP, S.REFUSED_AT_INTAKE),
    ("assign", snap(S.ACCEPTED, active_steps=(ActiveStep(DEPT, "specialist", None),)), HEAD, S.PROCESSING),
    ("assign", snap(S.PROCESSING), HEAD, S.PROCESSING),
    (
        "forward",
        snap(S.ACCEPTED, active_steps=(ActiveStep(DEPT, "specialist", None),), has_next_step=True),
        SPECIALIST,
        S.PROCESSING,
    ),
    ("forward", snap(S.PROCESSING), SPECIALIST, S.PROCESSING),
    ("return_to_previous", snap(S.PROCESSING), SPECIALIST, S.PROCESSING),
    ("consult", snap(S.PROCESSING), SPECIALIST, S.PROCESSING),
    ("consult", snap(S.ACCEPTED, active_steps=(ActiveStep(DEPT, "specialist", None),)), SPECIALIST, S.PROCESSING),
    (
        "transfer_to_level",
        snap(S.ACCEPTED, active_steps=(ActiveStep(DEPT, "specialist", None),)),
        SPECIALIST,
        S.PROCESSING,
    ),
    ("request_supplement", snap(S.ACCEPTED), SPECIALIST, S.SUPPLEMENT_REQUESTED),
    ("request_financial_obligation", snap(S.ACCEPTED), SPECIALIST, S.FINANCIAL_OBLIGATION),
    ("extend", snap(S.ACCEPTED), SPECIALIST, S.ACCEPTED),
    (
        "answer_consultation",
        snap(S.PROCESSING, open_consultation_agency_ids=frozenset({PARTNER})),
        PARTNER_SPECIALIST,
        S.PROCESSING,
    ),
    ("transfer_to_level", snap(S.PROCESSING), SPECIALIST, S.PROCESSING),
    (
        "return_from_level",
        snap(S.PROCESSING, open_transfer_agency_ids=frozenset({OTHER_LEVEL})),
        LEVEL_SPECIALIST,
        S.PROCESSING,
    ),
    ("request_supplement", snap(S.PROCESSING), SPECIALIST, S.SUPPLEMENT_REQUESTED),
    (
        "receive_supplement",
        snap(S.SUPPLEMENT_REQUESTED, supplement_stage=SupplementStage.PROCESSING),
        ONE_STOP,
        S.PROCESSING,
    ),
    (
        "submit_supplement",
        snap(S.SUPPLEMENT_REQUESTED, supplement_stage=SupplementStage.PROCESSING),
        OWNER,
        S.PROCESSING,
    ),
    ("request_financial_obligation", snap(S.PROCESSING), SPECIALIST, S.FINANCIAL_OBLIGATION),
    ("confirm_payment", snap(S.FINANCIAL_OBLIGATION), SPECIALIST, S.PROCESSING),
    ("extend", snap(S.PROCESSING), SPECIALIST, S.PROCESSING),
    ("approve", snap(S.PROCESSING, active_steps=(ActiveStep(DEPT, "leader", None),)), LEADER, S.PROCESSING),
    ("refuse", snap(S.PROCESSING), LEADER, S.RESOLVED),
    ("attach_result", snap(S.PROCESSING, approved=True), SPECIALIST, S.RESOLVED),
    ("return_result", snap(S.RESOLVED, has_result=True), ONE_STOP, S.RETURNED),
    *[
        ("withdraw_request", snap(status), OWNER, S.WITHDRAWN)
        for status in (S.SUBMITTED, S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION)
    ],
    ("withdraw_request", snap(S.PROCESSING), ONE_STOP, S.WITHDRAWN),
    *[
        ("stop", snap(status), ONE_STOP, S.STOPPED)
        for status in (S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWN)
    ],
    ("rate", snap(S.RETURNED, has_result=True), OWNER, S.RETURNED),
]


@pytest.mark.parametrize(("action", "state", "actor", "after"), ALLOWED, ids=[f"{r[0]}-{r[1].status}" for r in ALLOWED])
def test_allowed_transitions(action, state, actor, after):
    transition = workflow.check(state, action, actor, ENV)
    assert workflow.target_status(state, transition) == after


def test_every_transition_of_the_table_is_covered():
    covered = {(row[0], row[1].status) for row in ALLOWED}
    for transition in workflow.TRANSITIONS:
        for source in transition.sources:
            assert (transition.name, source) in covered, f"{transition.name} from {source} not tested"


REFUSED_STATUS = [
    ("accept", snap(S.ACCEPTED), ONE_STOP),
    ("accept", snap(S.DRAFT), ONE_STOP),
    ("forward", snap(S.SUPPLEMENT_REQUESTED), SPECIALIST),
    ("attach_result", snap(S.RESOLVED, approved=True), SPECIALIST),
    ("return_result", snap(S.PROCESSING), ONE_STOP),
    ("submit_online", snap(S.SUBMITTED), OWNER),
    ("withdraw_request", snap(S.RESOLVED, has_result=True), OWNER),
    ("stop", snap(S.RETURNED, has_result=True), ONE_STOP),
    ("rate", snap(S.RESOLVED, has_result=True), OWNER),
    ("extend", snap(S.SUPPLEMENT_REQUESTED), SPECIALIST),
]


@pytest.mark.parametrize(("action", "state", "actor"), REFUSED_STATUS, ids=[r[0] for r in REFUSED_STATUS])
def test_actions_refused_in_the_wrong_status(action, state, actor):
    with pytest.raises(ActionNotAllowed) as error:
        workflow.check(state, action, actor, ENV)
    assert error.value.code == "action_not_allowed"
    assert Status(state.status).label in error.value.message


REFUSED_ROLE = [
    ("accept", snap(S.SUBMITTED), SPECIALIST),  # not a one-stop officer
    ("accept", snap(S.SUBMITTED), STRANGER),  # one-stop officer of another unit
    ("accept", snap(S.SUBMITTED), OWNER),
    ("assign", snap(S.PROCESSING), SPECIALIST),  # only heads assign
    ("forward", snap(S.PROCESSING), PARTNER_SPECIALIST),
    ("forward", snap(S.PROCESSING, active_steps=(ActiveStep(DEPT, "specialist", 77),)), SPECIALIST),  # not the handler
    ("approve", snap(S.PROCESSING), SPECIALIST),
    ("answer_consultation", snap(S.PROCESSING, open_consultation_agency_ids=frozenset({PARTNER})), SPECIALIST),
    ("submit_supplement", snap(S.SUPPLEMENT_REQUESTED, supplement_stage="processing"), STRANGER),
    ("rate", snap(S.RETURNED), ONE_STOP),
    ("update_draft", snap(S.DRAFT), Actor(123)),
]


@pytest.mark.parametrize(("action", "state", "actor"), REFUSED_ROLE, ids=[r[0] for r in REFUSED_ROLE])
def test_actions_refused_to_the_wrong_actor(action, state, actor):
    with pytest.raises(PermissionDenied):
        workflow.check(state, action, actor, ENV)


def test_head_may_act_on_a_step_assigned_to_someone_else():
    state = snap(S.PROCESSING, active_steps=(ActiveStep(DEPT, "specialist", 77),))
    assert workflow.check(state, "forward", HEAD, ENV).name == "forward"
    assert workflow.check(state, "forward", Actor(77, frozenset({(DEPT, "specialist")})), ENV).name == "forward"


GUARDED = [
    # Supplement after appraisal: within 3 working days of receipt only.
    ("request_supplement", snap(S.PROCESSING, clock_started_at=MONDAY - timedelta(days=7)), SPECIALIST, "3 ngày"),
    ("extend", snap(S.PROCESSING, extended=True), SPECIALIST, "một lần"),
    # Due tomorrow at 08:00: less than a working day left.
    ("extend", snap(S.PROCESSING, due_at=MONDAY + timedelta(hours=6)), SPECIALIST, "1 ngày làm việc"),
    ("extend", snap(S.PROCESSING, due_at=MONDAY - timedelta(hours=1)), SPECIALIST, "1 ngày làm việc"),
    ("attach_result", snap(S.PROCESSING), SPECIALIST, "phê duyệt"),
    ("approve", snap(S.PROCESSING, approved=True, active_steps=(ActiveStep(DEPT, "leader", None),)), LEADER, "đã"),
    ("forward", snap(S.PROCESSING, open_consultation_agency_ids=frozenset({PARTNER})), SPECIALIST, "ý kiến"),
    ("forward", snap(S.PROCESSING, has_next_step=False), SPECIALIST, "bước cuối"),
    ("return_to_previous", snap(S.PROCESSING, has_previous_step=False), SPECIALIST, "bước trước"),
    ("transfer_to_level", snap(S.PROCESSING, open_transfer_agency_ids=frozenset({OTHER_LEVEL})), SPECIALIST, "liên"),
    ("resubmit", snap(S.SUPPLEMENT_REQUESTED, supplement_stage="processing"), OWNER, "tiếp nhận"),
    ("receive_supplement", snap(S.SUPPLEMENT_REQUESTED, supplement_stage="intake"), ONE_STOP, "tiếp nhận"),
    ("withdraw_request", snap(S.PROCESSING, has_result=True), OWNER, "kết quả"),
    ("rate", snap(S.RETURNED, rated=True), OWNER, "đánh giá"),
]


@pytest.mark.parametrize(("action", "state", "actor", "words"), GUARDED, ids=[r[0] for r in GUARDED])
def test_guards_refuse_with_a_vietnamese_reason(action, state, actor, words):
    with pytest.raises(ActionNotAllowed) as error:
        workflow.check(state, action, actor, ENV)
    assert words in error.value.message


def test_supplement_window_counts_working_days_not_calendar_days():
    # Received Friday 09:00; Monday 09:00 is only 1 working day later: still allowed.
    friday = MONDAY - timedelta(days=3)
    assert workflow.check(snap(S.PROCESSING, clock_started_at=friday), "request_supplement", SPECIALIST, ENV)
    # Received the previous Wednesday 09:00: 3 working days exactly by Monday 09:00, still allowed; then not.
    wednesday = MONDAY - timedelta(days=5)
    assert workflow.check(snap(S.PROCESSING, clock_started_at=wednesday), "request_supplement", SPECIALIST, ENV)
    later = Env(now=MONDAY + timedelta(minutes=1), calendar=CAL)
    with pytest.raises(ActionNotAllowed):
        workflow.check(snap(S.PROCESSING, clock_started_at=wednesday), "request_supplement", SPECIALIST, later)


def test_unknown_action():
    with pytest.raises(UnknownAction):
        workflow.check(snap(S.PROCESSING), "teleport", SPECIALIST, ENV)


def test_available_actions_for_the_ui():
    names = [t.name for t in workflow.available(snap(S.PROCESSING), SPECIALIST, ENV)]
    assert names == [
        "forward",
        "return_to_previous",
        "consult",
        "transfer_to_level",
        "request_supplement",
        "request_financial_obligation",
        "extend",
    ]
    assert [t.name for t in workflow.available(snap(S.SUBMITTED), ONE_STOP, ENV)] == [
        "accept",
        "request_supplement_at_intake",
        "refuse_at_intake",
        "withdraw_request",
    ]
    assert [t.name for t in workflow.available(snap(S.SUBMITTED), OWNER, ENV)] == ["withdraw_request"]


def test_acting_as_records_agency_and_role():
    transition = workflow.get("accept")
    assert workflow.acting_as(snap(S.SUBMITTED), transition, ONE_STOP) == (CENTRE, "one_stop_officer")
    assert workflow.acting_as(snap(S.SUBMITTED), workflow.get("withdraw_request"), OWNER) == (None, APPLICANT)
