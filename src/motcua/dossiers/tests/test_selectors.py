"""Inboxes per role with counts, available actions, the applicant's own dossiers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError, NotFound, PermissionDenied
from motcua.dossiers import deadlines, selectors, services
from motcua.dossiers.constants import StepState
from motcua.dossiers.models import DossierStep
from motcua.dossiers.selectors.inboxes import boxes_for
from motcua.dossiers.tests.conftest import official
from motcua.dossiers.tests.helpers import applicant_data, receive, to_processing, to_resolved
from motcua.organisations.models import AgencyKind
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _box(user, agency, role, box):
    return list(selectors.inbox(user, agency, role, box))


def test_inboxes_follow_the_dossier(world, frozen):
    dep = world.department
    submitted = receive(world, decision="register")
    accepted = receive(world)
    assert _box(world.officer, world.centre, "one_stop_officer", "to_receive") == [submitted]
    assert _box(world.head, dep, "head_of_division", "to_assign") == [accepted]
    assert _box(world.specialist, dep, "specialist", "to_process") == [accepted]  # unassigned, role fits
    assert _box(world.partner_specialist, world.partner, "specialist", "to_process") == []
    services.assign(accepted, actor=world.head, handler=world.specialist)
    assert _box(world.head, dep, "head_of_division", "to_assign") == []
    services.forward(accepted, actor=world.specialist)
    assert _box(world.leader, dep, "leader", "to_approve") == [accepted]
    resolved = to_resolved(world)
    assert _box(world.officer, world.centre, "one_stop_officer", "to_return") == [resolved]
    asked = to_processing(world)
    services.request_supplement(asked, actor=world.specialist, items=["Giấy tờ"])
    assert _box(world.specialist, dep, "specialist", "supplement_requested") == [asked]
    services.consult(accepted, actor=world.leader, agencies=[world.partner], content="Ý kiến")
    assert _box(world.partner_specialist, world.partner, "specialist", "consultations") == [accepted]


def test_due_soon_and_overdue_with_one_capped_count_per_box(world, frozen, django_assert_num_queries):
    dossier = receive(world)  # due Thursday 09:00
    counts = selectors.inbox_counts(world.officer, world.centre, "one_stop_officer")
    assert counts["due_soon"] == 0 and counts["overdue"] == 0
    frozen.shift(timedelta(days=2, hours=1))  # Wednesday 10:00
    assert _box(world.officer, world.centre, "one_stop_officer", "due_soon") == [dossier]
    frozen.shift(timedelta(days=1))  # Thursday 10:00
    calendar = deadlines.calendar()
    # the membership check, then one count per box of the role but "all" (whatever the number of dossiers)
    boxes = [box for box in boxes_for("head_of_division") if box.key != "all"]
    with django_assert_num_queries(1 + len(boxes)):
        counts = selectors.inbox_counts(world.head, world.department, "head_of_division", calendar=calendar)
    assert counts["overdue"] == 1 and counts["due_soon"] == 0
    assert set(counts) == {box.key for box in boxes_for("head_of_division")} - {"all"}


def test_a_dossier_with_two_matching_active_steps_is_listed_once(world):
    dossier = to_processing(world)
    step = dossier.steps.get(state=StepState.ACTIVE)
    assert step.handler_id == world.specialist.pk
    # A parallel step of the same role at the same agency, both open; the twin is unassigned, so
    # both match "to process" (one by handler, one by role).
    twin = DossierStep.objects.get(pk=step.pk)
    twin.pk = None
    twin.handler = None
    twin.save()
    for box in ("to_process", "all", "due_soon", "overdue"):
        rows = selectors.inbox(world.specialist, world.department, "specialist", box)
        assert [d.pk for d in rows].count(dossier.pk) <= 1
    assert _box(world.specialist, world.department, "specialist", "to_process") == [dossier]
    assert selectors.inbox_counts(world.head, world.department, "head_of_division")["to_assign"] == 1


def test_an_official_reads_only_the_inboxes_of_a_membership_they_hold(world):
    with pytest.raises(PermissionDenied):
        selectors.inbox(world.specialist, world.partner, "specialist", "to_process")
    with pytest.raises(PermissionDenied):
        selectors.inbox_counts(world.specialist, world.department, "leader")
    with pytest.raises(DomainError):  # a box the role does not have
        selectors.inbox(world.specialist, world.department, "specialist", "to_receive")


def test_division_officials_see_the_parent_agency_s_work(world):
    division = AgencyFactory(name="Phòng Hành chính tư pháp", kind=AgencyKind.DIVISION, parent=world.department)
    head = official(division, "head_of_division", "truongphonghctp")
    accepted = receive(world)
    assert _box(head, division, "head_of_division", "to_assign") == [accepted]
    assert _box(head, division, "head_of_division", "all") == [accepted]


def test_available_actions_per_official(world):
    dossier = to_processing(world)
    assert [t.name for t in selectors.available_actions(dossier, world.partner_specialist)] == []
    assert "forward" in [t.name for t in selectors.available_actions(dossier, world.specialist)]
    assert [t.name for t in selectors.available_actions(dossier, world.officer)] == ["withdraw_request", "stop"]


def test_applicant_sees_only_their_own(world):
    dossier = receive(world)
    owner = UserFactory(username="chu")
    dossier.applicant.user = owner
    dossier.applicant.save()
    assert selectors.dossier_for_applicant(owner, dossier.code) == dossier
    assert list(selectors.dossiers_visible_to(owner)) == [dossier]
    with pytest.raises(NotFound):
        selectors.dossier_for_applicant(UserFactory(username="khac"), dossier.code)
    assert list(selectors.dossiers_visible_to(UserFactory(username="khac2"))) == []


def test_agencies_a_dossier_is_routed_to_see_it(world):
    dossier = to_processing(world)
    assert list(selectors.dossiers_visible_to(world.partner_specialist)) == []
    services.consult(dossier, actor=world.specialist, agencies=[world.partner], content="Xin ý kiến")
    assert list(selectors.dossiers_visible_to(world.partner_specialist)) == [dossier]
    assert dossier.steps.get(agency=world.partner).routed is True
    assert not dossier.steps.filter(agency=world.department, routed=True).exists()
    assert list(selectors.dossiers_visible_to(world.stranger)) == []


def test_the_folded_name_follows_intake_and_draft_edits(world):
    from motcua.dossiers.tests.helpers import applicant_data

    citizen = UserFactory(username="congdan.nhung")
    person = services.resolve_applicant(applicant_data(full_name="Trần Thị Nhung"), actor=None)
    person.user = citizen
    person.save()
    draft = services.create_online_draft(person, world.procedure, actor=citizen, receiving_agency=world.centre)
    assert draft.applicant_name_folded == "tran thi nhung"
    draft = services.update_draft_applicant(draft, actor=citizen, full_name="Đỗ Thị Hồng Nhung", phone="0912345678")
    assert draft.applicant_name_folded == "do thi hong nhung"


def test_a_count_stops_after_the_cap(world, monkeypatch):
    from motcua.dossiers.selectors import inboxes as selectors_inbox

    monkeypatch.setattr(selectors_inbox, "COUNT_CAP", 2)
    for number in range(4):
        receive(world, decision="register", applicant=applicant_data(id_number=f"03819000{number:04d}"))
    counts = selectors.inbox_counts(world.officer, world.centre, "one_stop_officer")
    assert counts["to_receive"] == 3  # cap + 1: "more than 2"
