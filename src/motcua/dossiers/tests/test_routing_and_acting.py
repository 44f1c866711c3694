"""Who may be assigned a step (its role, in its agency and divisions) and which role the history records."""

from __future__ import annotations

import pytest

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import MembershipFactory
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.actors import ActingAs, acted_for, agencies_acted_for, role_pairs
from motcua.dossiers.constants import StepState
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services.assignment import assignment_candidates
from motcua.dossiers.tests.conftest import official
from motcua.dossiers.tests.helpers import receive
from motcua.organisations.models import AgencyKind
from motcua.organisations.tests.factories import AgencyFactory


@pytest.fixture
def division(world):
    return AgencyFactory(name="Phòng Hành chính tư pháp", kind=AgencyKind.DIVISION, parent=world.department)


def _active(dossier):
    return dossier.steps.get(state=StepState.ACTIVE, kind="process")


def test_candidates_hold_the_step_role_in_its_agency_or_a_division(world, division):
    division_specialist = official(division, Role.SPECIALIST, "phonghctp")
    official(division, Role.HEAD_OF_DIVISION, "truongphonghctp")
    elsewhere = official(AgencyFactory(name="Phòng khác", kind=AgencyKind.DIVISION), Role.SPECIALIST, "phongkhac")
    step = _active(receive(world))
    assert step.role == Role.SPECIALIST
    assert set(assignment_candidates(step)) == {world.specialist, division_specialist}
    assert elsewhere not in assignment_candidates(step)


def test_assigning_someone_without_the_step_role_is_refused(world, division):
    dossier = receive(world)
    with pytest.raises(DomainError) as refused:
        services.assign(dossier, actor=world.leader, handler=world.leader)
    assert "không có vai trò chuyên viên xử lý" in refused.value.message
    division_specialist = official(division, Role.SPECIALIST, "phonghctp")
    dossier = services.assign(dossier, actor=world.leader, handler=division_specialist)
    assert _active(dossier).handler == division_specialist


def test_one_definition_of_acting_for_the_parent(world, division):
    assert agencies_acted_for(division) == (division.pk, world.department.pk)
    assert agencies_acted_for(world.department) == (world.department.pk,)
    assert acted_for(division.pk, AgencyKind.DIVISION, None) == (division.pk,)
    both = official(division, Role.SPECIALIST, "phonghctp")
    assert role_pairs(both) == {(division.pk, Role.SPECIALIST), (world.department.pk, Role.SPECIALIST)}


@pytest.fixture
def specialist_and_head(world):
    """An official who is both specialist and head of division in the department."""
    user = official(world.department, Role.SPECIALIST, "kiemnhiem")
    MembershipFactory(user=user, agency=world.department, role=Role.HEAD_OF_DIVISION)
    return user


def test_without_a_choice_the_role_of_the_step_is_recorded(world, specialist_and_head):
    dossier = services.forward(receive(world), actor=specialist_and_head)
    forward = DossierEvent.objects.get(dossier=dossier, action="forward")
    assert (forward.agency_id, forward.role) == (world.department.pk, Role.SPECIALIST)


def test_the_chosen_membership_is_the_role_recorded(world, specialist_and_head):
    acting = ActingAs(world.department.pk, Role.HEAD_OF_DIVISION)
    dossier = services.forward(receive(world), actor=specialist_and_head, acting=acting)
    assert DossierEvent.objects.get(dossier=dossier, action="forward").role == Role.HEAD_OF_DIVISION


def test_a_chosen_membership_limits_what_the_official_may_do(world, specialist_and_head):
    dossier = receive(world)
    as_specialist = ActingAs(world.department.pk, Role.SPECIALIST)
    with pytest.raises(PermissionDenied):  # assigning is for heads: the specialist role does not
        services.assign(dossier, actor=specialist_and_head, handler=world.specialist, acting=as_specialist)
    with pytest.raises(PermissionDenied):  # a membership the official does not hold gives nothing
        services.forward(dossier, actor=specialist_and_head, acting=ActingAs(world.department.pk, Role.LEADER))


def test_division_membership_acts_on_the_parent_step_in_its_role(world, division):
    division_specialist = official(division, Role.SPECIALIST, "phonghctp")
    acting = ActingAs(division.pk, Role.SPECIALIST)
    dossier = services.forward(receive(world), actor=division_specialist, acting=acting)
    forward = DossierEvent.objects.get(dossier=dossier, action="forward")
    assert (forward.agency_id, forward.role) == (world.department.pk, Role.SPECIALIST)
