"""Clock rules: supplement restarts the clock, financial obligation pauses it, extension once, stop."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from motcua.core.exceptions import DomainError
from motcua.dossiers import deadlines, services
from motcua.dossiers.constants import PauseKind, Status, StepKind, StepState
from motcua.dossiers.models import DossierPause, DossierStep
from motcua.dossiers.services import ComponentData
from motcua.dossiers.tests.conftest import build_world
from motcua.dossiers.tests.helpers import to_processing
from motcua.dossiers.workflow import ActionNotAllowed
from motcua.workdays.clock import working_time_between
from motcua.workdays.constants import VIETNAM_TZ

pytestmark = pytest.mark.django_db


def test_supplement_after_appraisal_restarts_the_clock_from_zero(world, frozen):
    dossier = to_processing(world)
    frozen.shift(timedelta(days=1))  # Tuesday 09:00
    dossier = services.request_supplement(dossier, actor=world.specialist, items=["Bản sao sổ hộ khẩu"])
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    frozen.shift(timedelta(days=7))  # the next Tuesday 09:00
    received = [ComponentData(name="Bản sao sổ hộ khẩu")]
    dossier = services.receive_supplement(dossier, actor=world.officer, components=received)
    assert dossier.status == Status.PROCESSING
    assert dossier.clock_started_at == datetime(2026, 3, 10, 9, 0, tzinfo=VIETNAM_TZ)
    # 3 full working days again from the receipt of the complete dossier.
    assert dossier.due_at == datetime(2026, 3, 13, 9, 0, tzinfo=VIETNAM_TZ)
    active = dossier.steps.get(state=StepState.ACTIVE)
    assert active.due_at == datetime(2026, 3, 11, 14, 30, tzinfo=VIETNAM_TZ)  # 12 working hours from now
    pause = DossierPause.objects.get(dossier=dossier, kind=PauseKind.SUPPLEMENT)
    assert pause.ended_at == dossier.clock_started_at


def test_supplement_after_three_working_days_is_refused(world, frozen):
    dossier = to_processing(world)
    frozen.shift(timedelta(days=3, minutes=1))  # Thursday 09:01: 3 working days and a minute
    with pytest.raises(ActionNotAllowed) as error:
        services.request_supplement(dossier, actor=world.specialist, items=["Giấy tờ"])
    assert "3 ngày làm việc" in error.value.message


@pytest.mark.parametrize(("pauses", "expected_due"), [(True, datetime(2026, 3, 6, 9, 0)), (False, None)])
def test_financial_obligation_pauses_the_clock_when_the_procedure_says_so(db, frozen, pauses, expected_due):
    world = build_world(requires_financial_obligation_pause=pauses)
    dossier = to_processing(world)
    original_due = dossier.due_at
    dossier = services.request_financial_obligation(dossier, actor=world.specialist, amount_vnd=1_250_000)
    assert dossier.status == Status.FINANCIAL_OBLIGATION
    frozen.shift(timedelta(days=1))  # one working day waiting for the payment
    dossier = services.confirm_payment(dossier, actor=world.specialist)
    assert dossier.status == Status.PROCESSING
    if expected_due:
        assert dossier.due_at == expected_due.replace(tzinfo=VIETNAM_TZ)
        assert dossier.events.last().data["paused_working_hours"] == 8.0
    else:
        assert dossier.due_at == original_due


def test_financial_obligation_amount_must_be_positive(world):
    dossier = to_processing(world)
    with pytest.raises(DomainError):
        services.request_financial_obligation(dossier, actor=world.specialist, amount_vnd=0)


def test_extension_once_and_at_least_one_working_day_before(world, frozen, django_capture_on_commit_callbacks):
    dossier = to_processing(world)
    new_due = datetime(2026, 3, 9, 16, 0, tzinfo=VIETNAM_TZ)
    with pytest.raises(DomainError):
        services.extend(dossier, actor=world.specialist, new_due_at=dossier.due_at - timedelta(hours=1), reason="x")
    with django_capture_on_commit_callbacks(execute=True):
        dossier = services.extend(dossier, actor=world.specialist, new_due_at=new_due, reason="Chờ xác minh")
    assert dossier.due_at == new_due and dossier.due_before_extension == datetime(2026, 3, 5, 9, 0, tzinfo=VIETNAM_TZ)
    with pytest.raises(ActionNotAllowed) as error:
        services.extend(dossier, actor=world.specialist, new_due_at=new_due + timedelta(days=1), reason="Lần hai")
    assert "một lần" in error.value.message


def test_extension_too_late_is_refused(world, frozen):
    dossier = to_processing(world)  # due Thursday 09:00
    frozen.shift(timedelta(days=2, hours=2))  # Wednesday 11:00: less than a working day left
    with pytest.raises(ActionNotAllowed):
        services.extend(
            dossier, actor=world.specialist, new_due_at=datetime(2026, 3, 9, 16, 0, tzinfo=VIETNAM_TZ), reason="Muộn"
        )


def test_withdrawal_then_stop_issues_form_05(world):
    dossier = to_processing(world)
    dossier.applicant.user = world.stranger  # any account owning the applicant profile
    dossier.applicant.save()
    dossier = services.withdraw_request(dossier, actor=world.stranger, reason="Không còn nhu cầu")
    assert dossier.status == Status.WITHDRAWN
    dossier = services.stop(dossier, actor=world.officer, reason="Công dân rút hồ sơ")
    assert dossier.status == Status.STOPPED and dossier.closed_at is not None
    assert not dossier.steps.filter(state__in=[StepState.ACTIVE, StepState.PENDING]).exists()


def test_extension_moves_the_unfinished_steps_by_the_working_time_it_adds(world, frozen):
    dossier = to_processing(world)  # Monday 09:00, due Thursday 09:00; process steps planned inside it
    dossier = services.consult(dossier, actor=world.specialist, agencies=[world.partner], content="Ý kiến?", days=2)
    before = {s.pk: s.due_at for s in DossierStep.objects.filter(dossier=dossier)}
    open_steps = {s.pk for s in DossierStep.objects.filter(dossier=dossier, state__in=["active", "pending"])}
    finished = set(before) - open_steps
    # Two working days later than Thursday 09:00 (the weekend is not counted).
    new_due = datetime(2026, 3, 9, 9, 0, tzinfo=VIETNAM_TZ)
    dossier = services.extend(dossier, actor=world.specialist, new_due_at=new_due, reason="Chờ xác minh")
    for row in DossierStep.objects.filter(dossier=dossier):
        if row.pk in finished or row.kind != StepKind.PROCESS:
            assert row.due_at == before[row.pk], row.name  # done steps and the consultation keep theirs
        else:
            working = _working_time(before[row.pk], row.due_at)
            assert working == timedelta(hours=16), row.name  # 2 working days of 8 hours
    last = DossierStep.objects.filter(dossier=dossier, kind=StepKind.PROCESS).order_by("-order").first()
    assert last.due_at == new_due  # the process still ends at the dossier's due moment


def _working_time(start, end):
    return working_time_between(deadlines.calendar(start), start, end)
