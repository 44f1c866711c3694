"""Processing: assignment, returns, parallel consultations, inter-level transfer, refusal, rating."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.constants import Outcome, Status, StepKind, StepState
from motcua.dossiers.models import Rating
from motcua.dossiers.tests.conftest import official
from motcua.dossiers.tests.helpers import pdf, receive, to_processing, to_resolved
from motcua.dossiers.workflow import ActionNotAllowed
from motcua.workdays.constants import VIETNAM_TZ

pytestmark = pytest.mark.django_db


def test_assign_only_to_an_official_of_the_step_agency(world):
    dossier = receive(world)
    with pytest.raises(DomainError):
        services.assign(dossier, actor=world.head, handler=world.partner_specialist)
    dossier = services.assign(dossier, actor=world.head, handler=world.specialist)
    assert dossier.steps.get(state=StepState.ACTIVE).handler == world.specialist
    # Once assigned, another specialist of the agency may not take the step over.
    colleague = official(world.department, "specialist", "dongnghiep")
    with pytest.raises(PermissionDenied):
        services.forward(dossier, actor=colleague)


def test_return_to_previous_reopens_the_step_with_reason(world):
    dossier = to_processing(world)
    dossier = services.forward(dossier, actor=world.specialist)
    assert dossier.steps.get(state=StepState.ACTIVE).name == "Ký duyệt"
    with pytest.raises(DomainError):
        services.return_to_previous(dossier, actor=world.leader, reason="")
    dossier = services.return_to_previous(dossier, actor=world.leader, reason="Bổ sung ý kiến thẩm định")
    assert dossier.steps.get(state=StepState.ACTIVE).name == "Thẩm định"
    assert dossier.steps.get(name="Ký duyệt").state == StepState.PENDING
    assert dossier.handovers.last().note == "Bổ sung ý kiến thẩm định"
    dossier = services.forward(dossier, actor=world.specialist)
    assert dossier.steps.get(state=StepState.ACTIVE).name == "Ký duyệt"


def test_parallel_consultations_each_with_its_deadline(world, frozen):
    dossier = to_processing(world)
    dossier = services.consult(
        dossier, actor=world.specialist, agencies=[world.partner, world.commune], content="Xin ý kiến", days=2
    )
    consultations = dossier.steps.filter(kind=StepKind.CONSULTATION)
    assert consultations.count() == 2
    assert {c.due_at for c in consultations} == {datetime(2026, 3, 4, 9, 0, tzinfo=VIETNAM_TZ)}
    with pytest.raises(ActionNotAllowed):
        services.forward(dossier, actor=world.specialist)  # answers outstanding
    frozen.shift(timedelta(days=1))
    dossier = services.answer_consultation(dossier, actor=world.partner_specialist, answer="Thống nhất")
    frozen.shift(timedelta(days=2))
    dossier = services.answer_consultation(dossier, actor=world.commune_specialist, answer="Thống nhất")
    timings = dict(consultations.values_list("agency__name", "timing"))
    assert timings == {"Sở Tài chính": "early", "UBND Phường Hạc Thành": "late"}
    with pytest.raises(PermissionDenied):
        services.answer_consultation(dossier, actor=world.partner_specialist, answer="Lần hai")
    services.forward(dossier, actor=world.specialist)


def test_transfer_to_another_level_and_back(world):
    dossier = to_processing(world)
    dossier = services.transfer_to_level(
        dossier, actor=world.specialist, agency=world.commune, content="Xác minh nơi cư trú", days=3
    )
    assert dossier.status == Status.PROCESSING
    with pytest.raises(ActionNotAllowed):
        services.approve(dossier, actor=world.leader)
    dossier = services.return_from_level(dossier, actor=world.commune_specialist, answer="Đã xác minh")
    step = dossier.steps.get(kind=StepKind.INTERLEVEL)
    assert step.state == StepState.DONE and step.answer == "Đã xác minh" and step.timing == "early"


def test_refusal_after_appraisal_is_a_result(world):
    dossier = to_processing(world)
    with pytest.raises(PermissionDenied):
        services.refuse(dossier, actor=world.specialist, reason="Không đủ điều kiện")
    dossier = services.refuse(dossier, actor=world.leader, reason="Không đủ điều kiện cấp phiếu")
    assert dossier.status == Status.RESOLVED and dossier.outcome == Outcome.REFUSED
    assert dossier.steps.get(state=StepState.ACTIVE).name == "Trả kết quả"
    assert dossier.steps.get(name="Ký duyệt").state == StepState.CANCELLED


def test_result_needs_approval_and_a_file(world):
    dossier = to_processing(world)
    dossier = services.forward(dossier, actor=world.specialist)
    with pytest.raises(ActionNotAllowed):
        services.attach_result(dossier, actor=world.specialist, result_files=[pdf()])
    dossier = services.approve(dossier, actor=world.leader)
    with pytest.raises(DomainError):
        services.attach_result(dossier, actor=world.specialist, result_files=[])
    dossier = services.attach_result(dossier, actor=world.specialist, result_files=[pdf("kq.pdf")])
    assert dossier.files.filter(purpose="result").count() == 1


def test_return_by_post_needs_shipment_and_rating_once(world):
    dossier = to_resolved(world)
    with pytest.raises(DomainError):
        services.return_result(dossier, actor=world.officer, method="postal")
    dossier = services.return_result(dossier, actor=world.officer, method="postal", shipment_number="EB1VN")
    assert dossier.status == Status.RETURNED and dossier.return_shipment_number == "EB1VN"
    citizen = world.officer  # an official cannot rate
    with pytest.raises(PermissionDenied):
        services.rate_dossier(dossier, actor=citizen, satisfaction="satisfied")
    owner = UserFactory(username="chuhoso")
    dossier.applicant.user = owner
    dossier.applicant.save()
    with pytest.raises(DomainError):
        services.rate_dossier(dossier, actor=owner, satisfaction="satisfied", criteria={"unknown": "satisfied"})
    rating = services.rate_dossier(
        dossier, actor=owner, satisfaction="very_satisfied", criteria={"staff_attitude": "very_satisfied"}
    )
    assert Rating.objects.get(dossier=dossier) == rating
    with pytest.raises(ActionNotAllowed):
        services.rate_dossier(dossier, actor=owner, satisfaction="not_satisfied")


def test_officials_of_a_division_act_for_its_parent_agency(world):
    from motcua.organisations.models import AgencyKind
    from motcua.organisations.tests.factories import AgencyFactory

    division = AgencyFactory(name="Phòng Hành chính tư pháp", kind=AgencyKind.DIVISION, parent=world.department)
    division_specialist = official(division, "specialist", "phonghctp")
    dossier = receive(world)
    dossier = services.assign(dossier, actor=world.head, handler=division_specialist)
    dossier = services.forward(dossier, actor=division_specialist)
    assert dossier.steps.get(state=StepState.ACTIVE).name == "Ký duyệt"
    from motcua.dossiers.selectors import dossiers_visible_to, inbox

    assert list(dossiers_visible_to(division_specialist)) == [dossier]
    assert list(inbox(world.leader, world.department, "leader", "to_approve")) == [dossier]
