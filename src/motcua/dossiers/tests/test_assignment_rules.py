"""Assignment rules: which official a rule picks, automatic assignment by the engine, the rule admin path."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import Membership, Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import DomainError, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.actors import officials
from motcua.dossiers.constants import StepKind, StepState
from motcua.dossiers.models import AssignmentRule, AssignmentRuleEvent, DossierStep
from motcua.dossiers.selectors.inboxes import inbox
from motcua.dossiers.services import assignment
from motcua.dossiers.tests.conftest import MONDAY_9AM, official
from motcua.dossiers.tests.helpers import receive, received_form
from motcua.organisations.models import Agency, AgencyKind
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

# Receiving and accepting a dossier at the counter (one component with one file, one step activated):
# the dossier, its components, steps, hand-over and history are each written in one statement; the
# version's fees and process steps come from the per-process cache once warm (the first intake); the
# version's checklist is read once, to link the components received and check that acceptance has them all;
# one query checks that the applicant's e-mail and phone are not another identity's; the operations
# centre's aggregates read the dossier's contribution once and add it to the daily and the two monthly rows (4).
PINNED_INTAKE_QUERIES = 25


@pytest.fixture
def admin_user(db: Any) -> Any:
    return UserFactory(superuser=True)


def _rule(world: Any, admin_user: Any, **kw: Any) -> AssignmentRule:
    params: dict[str, Any] = {"agency": world.department, "role": Role.SPECIALIST, "strategy": "least_loaded"}
    params.update(kw)
    return services.create_rule(actor=admin_user, **params)


def _active_step(dossier: Any) -> DossierStep:
    return dossier.steps.get(kind=StepKind.PROCESS, state=StepState.ACTIVE)


def _give(world: Any, user: Any, active: int, last_days_ago: int | None) -> None:
    """``active`` active steps held by ``user``, the last assigned ``last_days_ago`` days before now."""
    for i in range(active):
        step = _active_step(receive(world))
        assigned = MONDAY_9AM - timedelta(days=last_days_ago or 0, minutes=i)
        DossierStep.objects.filter(pk=step.pk).update(handler=user, assigned_at=assigned)
    if active == 0 and last_days_ago is not None:
        step = _active_step(receive(world))
        DossierStep.objects.filter(pk=step.pk).update(
            handler=user, assigned_at=MONDAY_9AM - timedelta(days=last_days_ago), state=StepState.DONE
        )


# name → ({official: (active steps, days since last assignment or None)}, inactive officials, expected)
SELECTION_CASES = {
    "fewest active steps wins": ({"a": (2, 1), "b": (1, 1), "c": (3, 9)}, set(), "b"),
    "tie: longest since last assignment": ({"a": (1, 1), "b": (1, 5), "c": (2, 9)}, set(), "b"),
    "tie: never assigned comes first": ({"a": (0, 3), "b": (0, None), "c": (1, None)}, set(), "b"),
    "tie: then the lowest id": ({"a": (0, None), "b": (0, None), "c": (0, None)}, set(), "a"),
    "inactive membership ignored": ({"a": (0, None), "b": (1, 1), "c": (2, 1)}, {"a"}, "b"),
}


@pytest.mark.parametrize("case", SELECTION_CASES, ids=list(SELECTION_CASES))
def test_least_loaded_selection(world, admin_user, case):
    loads, inactive, expected = SELECTION_CASES[case]
    # The world's own specialist holds the role too: make it the busiest so the table decides.
    _give(world, world.specialist, 5, 0)
    people = {name: official(world.department, Role.SPECIALIST, f"cv_{name}") for name in sorted(loads)}
    for name, (active, days) in loads.items():
        _give(world, people[name], active, days)
    Membership.objects.filter(user__in=[people[n] for n in inactive]).update(is_active=False)
    rule = _rule(world, admin_user)
    assert assignment.pick_handler(rule) == people[expected]


def test_loads_above_the_cap_count_as_equal(world, admin_user, settings):
    # b holds fewer active steps, but both are above the cap: the longest since the last assignment wins.
    settings.ASSIGNMENT_LOAD_CAP = 3
    _give(world, world.specialist, 6, 0)
    a, b = (official(world.department, Role.SPECIALIST, f"cv_{name}") for name in "ab")
    _give(world, a, 5, 9)
    _give(world, b, 4, 1)
    rule = _rule(world, admin_user)
    assert assignment.pick_handler(rule) == a
    settings.ASSIGNMENT_LOAD_CAP = 10
    assert assignment.pick_handler(rule) == b


def test_least_loaded_candidates_are_exactly_the_officials_of_the_role(world):
    """The hand-written ranking query and ``actors.officials`` define the same people."""
    division = AgencyFactory(name="Phòng Hành chính tư pháp", kind=AgencyKind.DIVISION, parent=world.department)
    closed_division = AgencyFactory(name="Phòng đã giải thể", kind=AgencyKind.DIVISION, parent=world.department)
    in_division = official(division, Role.SPECIALIST, "cv_phong")
    official(closed_division, Role.SPECIALIST, "cv_phong_cu")
    Agency.objects.filter(pk=closed_division.pk).update(is_active=False)
    official(world.department, Role.LEADER, "lanhdao_khac")
    gone = official(world.department, Role.SPECIALIST, "cv_nghi")
    gone.is_active = False
    gone.save()
    official(
        AgencyFactory(name="Phòng của sở khác", kind=AgencyKind.DIVISION, parent=world.partner), Role.SPECIALIST, "x"
    )
    for agency in (world.department, division, world.partner):
        for role in (Role.SPECIALIST, Role.LEADER):
            expected = set(officials(agency.pk, [role]).values_list("pk", flat=True))
            assert {u.pk for u in assignment.by_load(agency.pk, role)} == expected, (agency, role)
    assert in_division.pk in {u.pk for u in assignment.by_load(world.department.pk, Role.SPECIALIST)}


def test_fixed_official_is_picked_and_falls_back_to_manual_once_the_role_is_lost(world, admin_user):
    rule = _rule(world, admin_user, strategy="fixed", official=world.specialist)
    assert assignment.pick_handler(rule) == world.specialist
    Membership.objects.filter(user=world.specialist).update(is_active=False)
    assert assignment.pick_handler(rule) is None
    dossier = receive(world)  # no error: the step waits for the head as without a rule
    assert _active_step(dossier).handler is None
    assert not dossier.events.filter(action="assign").exists()
    assert inbox(world.head, world.department, Role.HEAD_OF_DIVISION, "to_assign").filter(pk=dossier.pk).exists()


def test_acceptance_assigns_by_rule_once_and_leaves_the_to_assign_box(world, admin_user):
    _rule(world, admin_user)
    dossier = receive(world)
    step = _active_step(dossier)
    assert step.handler == world.specialist
    assert step.assigned_at == MONDAY_9AM
    events = list(dossier.events.order_by("occurred_at", "pk").values_list("action", "actor_id", "note", "data"))
    assigns = [e for e in events if e[0] == "assign"]
    assert len(assigns) == 1
    assert events[-1][0] == "assign"  # written after the acceptance itself
    _, actor_id, note, data = assigns[0]
    assert actor_id is None and note == assignment.AUTO_NOTE
    assert data["handler"] == world.specialist.pk and data["automatic"] is True
    assert not inbox(world.head, world.department, Role.HEAD_OF_DIVISION, "to_assign").filter(pk=dossier.pk).exists()
    assert inbox(world.specialist, world.department, Role.SPECIALIST, "to_process").filter(pk=dossier.pk).exists()
    # The head can still reassign by hand.
    other = official(world.department, Role.SPECIALIST, "cv_khac")
    dossier = services.assign(dossier, actor=world.head, handler=other)
    assert _active_step(dossier).handler == other
    assert dossier.events.filter(action="assign").count() == 2


def test_forward_into_a_step_with_a_rule_assigns_automatically(world, admin_user):
    _rule(world, admin_user, role=Role.LEADER, strategy="fixed", official=world.leader)
    dossier = services.assign(receive(world), actor=world.head, handler=world.specialist)
    dossier = services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
    step = _active_step(dossier)
    assert (step.name, step.handler) == ("Ký duyệt", world.leader)
    last = dossier.events.order_by("-occurred_at", "-pk").first()
    assert (last.action, last.actor_id, last.note) == ("assign", None, assignment.AUTO_NOTE)
    assert dossier.events.filter(action="assign", actor=None).count() == 1


def test_a_named_next_handler_is_not_overridden(world, admin_user):
    _rule(world, admin_user, role=Role.LEADER, strategy="least_loaded")
    deputy = official(world.department, Role.LEADER, "phochutich")
    dossier = services.assign(receive(world), actor=world.head, handler=world.specialist)
    dossier = services.forward(dossier, actor=world.specialist, next_handler=deputy)
    assert _active_step(dossier).handler == deputy
    assert not dossier.events.filter(action="assign", actor=None).exists()


def test_procedure_rule_wins_over_the_agency_wide_one(world, admin_user):
    other = official(world.department, Role.SPECIALIST, "cv_rieng")
    _rule(world, admin_user, strategy="fixed", official=world.specialist)
    _rule(world, admin_user, strategy="fixed", official=other, procedure=world.procedure)
    assert _active_step(receive(world)).handler == other


def test_inactive_rule_and_other_agency_rule_do_nothing(world, admin_user):
    rule = _rule(world, admin_user)
    services.set_rule_active(rule, actor=admin_user, is_active=False)
    _rule(world, admin_user, agency=world.partner)
    assert _active_step(receive(world)).handler is None


def test_intake_costs_one_query_per_newly_active_step_without_a_rule(world, monkeypatch):
    receive(world)  # warm caches (calendar, content types) out of the measurement

    components = received_form(world.procedure)

    def measure() -> int:
        with CaptureQueriesContext(connection) as ctx:
            receive(world, components=components)
        return len(ctx.captured_queries)

    with_rules = measure()
    monkeypatch.setattr(assignment, "auto_assign", lambda ctx, activated, save=True: [])
    without = measure()
    # One step ("Thẩm định") becomes active at acceptance: one rule lookup, nothing more.
    assert with_rules - without == 1
    assert with_rules == PINNED_INTAKE_QUERIES, with_rules


def test_rule_service_validates_audits_and_checks_permissions(world, admin_user):
    with pytest.raises(DomainError) as exc:
        _rule(world, admin_user, strategy="fixed")
    assert "official" in exc.value.fields
    with pytest.raises(DomainError):
        _rule(world, admin_user, strategy="fixed", official=world.partner_specialist)
    with pytest.raises(DomainError):
        _rule(world, admin_user, strategy="least_loaded", official=world.specialist)
    with pytest.raises(PermissionDenied):
        _rule(world, world.head)
    rule = _rule(world, admin_user)
    with pytest.raises(DomainError) as dup:
        _rule(world, admin_user)
    assert dup.value.code == "duplicate"
    services.update_rule(rule, actor=admin_user, strategy="fixed", official=world.specialist)
    events = list(AssignmentRuleEvent.objects.filter(rule=rule).values_list("action", "actor_id"))
    assert events == [("create", admin_user.pk), ("update", admin_user.pk)]


def test_admin_creates_a_rule_through_the_service_and_refuses_a_bad_one(world, admin_user, client):
    client.force_login(admin_user)
    url = "/admin/dossiers/assignmentrule/add/"
    assert client.get(url).status_code == 200
    base = {"agency": world.department.pk, "role": Role.SPECIALIST, "procedure": "", "is_active": "on"}
    bad = client.post(url, {**base, "strategy": "fixed", "official": ""})
    assert bad.status_code == 200 and not AssignmentRule.objects.exists()
    assert "Cần chọn cán bộ được chỉ định." in bad.content.decode()
    ok = client.post(url, {**base, "strategy": "least_loaded", "official": ""})
    assert ok.status_code == 302
    rule = AssignmentRule.objects.get()
    assert AssignmentRuleEvent.objects.filter(rule=rule, action="create", actor=admin_user).exists()
    client.force_login(world.head)  # no administrator membership: no access
    assert client.get(url).status_code in (302, 403)


def test_role_pairs_read_the_memberships_of_memberships_for(world):
    """The hand-written query of ``actors.role_pairs`` reads exactly the rows of ``memberships_for``."""
    from motcua.accounts.selectors import memberships_for
    from motcua.dossiers.actors import role_pairs

    division = AgencyFactory(name="Phòng Hành chính tư pháp", kind=AgencyKind.DIVISION, parent=world.department)
    closed = AgencyFactory(name="Phòng đã giải thể", kind=AgencyKind.DIVISION, parent=world.department)
    person = official(division, Role.SPECIALIST, "cv_phong")
    Membership.objects.create(user=person, agency=closed, role=Role.LEADER)
    Membership.objects.create(user=person, agency=world.partner, role=Role.HEAD_OF_DIVISION, is_active=False)
    Membership.objects.create(user=person, agency=world.commune, role=Role.SPECIALIST)
    Agency.objects.filter(pk=closed.pk).update(is_active=False)
    for user in [person, world.officer, world.specialist, world.leader]:
        expected = set()
        for membership in memberships_for(user):
            expected.add((membership.agency_id, membership.role))
            if membership.agency.kind == AgencyKind.DIVISION and membership.agency.parent_id:
                expected.add((membership.agency.parent_id, membership.role))
        assert role_pairs(user) == expected, user
    assert role_pairs(person) == {
        (division.pk, Role.SPECIALIST),
        (world.department.pk, Role.SPECIALIST),
        (world.commune.pk, Role.SPECIALIST),
    }
    person.is_active = False
    assert role_pairs(person) == set()
