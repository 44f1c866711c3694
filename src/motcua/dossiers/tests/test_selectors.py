"""Inboxes per role with counts, available actions, the applicant's own dossiers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import NotFound
from motcua.dossiers import selectors, services
from motcua.dossiers.tests.helpers import receive, to_processing, to_resolved

pytestmark = pytest.mark.django_db


def test_inboxes_follow_the_dossier(world, frozen):
    submitted = receive(world, decision="register")
    accepted = receive(world)
    assert list(selectors.inbox(world.officer, "to_receive")) == [submitted]
    assert list(selectors.inbox(world.head, "to_assign")) == [accepted]
    assert list(selectors.inbox(world.specialist, "to_process")) == [accepted]  # unassigned, role fits
    assert list(selectors.inbox(world.partner_specialist, "to_process")) == []
    services.assign(accepted, actor=world.head, handler=world.specialist)
    assert list(selectors.inbox(world.head, "to_assign")) == []
    services.forward(accepted, actor=world.specialist)
    assert list(selectors.inbox(world.leader, "to_approve")) == [accepted]
    resolved = to_resolved(world)
    assert list(selectors.inbox(world.officer, "to_return")) == [resolved]
    asked = to_processing(world)
    services.request_supplement(asked, actor=world.specialist, items=["Giấy tờ"])
    assert list(selectors.inbox(world.specialist, "supplement_requested")) == [asked]
    services.consult(accepted, actor=world.leader, agencies=[world.partner], content="Ý kiến")
    assert list(selectors.inbox(world.partner_specialist, "consultations")) == [accepted]


def test_due_soon_and_overdue_with_counts(world, frozen):
    dossier = receive(world)  # due Thursday 09:00
    counts = selectors.inbox_counts(world.officer)
    assert counts["due_soon"] == 0 and counts["overdue"] == 0
    frozen.shift(timedelta(days=2, hours=1))  # Wednesday 10:00
    assert list(selectors.inbox(world.officer, "due_soon")) == [dossier]
    frozen.shift(timedelta(days=1))  # Thursday 10:00
    counts = selectors.inbox_counts(world.head)
    assert counts["overdue"] == 1 and counts["due_soon"] == 0
    assert set(counts) == set(selectors.INBOXES)


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
