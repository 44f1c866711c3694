"""Step boxes read from the steps table a page at a time: same dossiers as the box, in step order, once each."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Q

from motcua.accounts.models import Membership
from motcua.catalogue.tests.sample import needs_sample
from motcua.dossiers.constants import StepState
from motcua.dossiers.models import DossierStep
from motcua.dossiers.selectors import step_rows as selectors_step_rows
from motcua.dossiers.selectors.inboxes import STEP_BOXES, Filters, boxes_for, listing, scope_for
from motcua.dossiers.selectors.step_rows import prefixed, step_rows
from motcua.dossiers.tests.helpers import applicant_data, receive, to_processing

pytestmark = pytest.mark.django_db

PREFIX_CASES = {
    "plain lookup": (Q(status=2), Q(dossier__status=2)),
    "and": (Q(status=2) & Q(channel="online"), Q(dossier__status=2) & Q(dossier__channel="online")),
    "or inside and": (
        Q(status=2) & (Q(receiving_agency_id=1) | Q(competent_agency_id=1)),
        Q(dossier__status=2) & (Q(dossier__receiving_agency_id=1) | Q(dossier__competent_agency_id=1)),
    ),
    "negation kept": (~Q(status__in=[2, 4]), ~Q(dossier__status__in=[2, 4])),
    "empty": (Q(), Q()),
}


@pytest.mark.parametrize("case", PREFIX_CASES, ids=list(PREFIX_CASES))
def test_prefixed_moves_every_lookup_to_the_relation(case):
    condition, expected = PREFIX_CASES[case]
    assert prefixed(condition, "dossier") == expected


@needs_sample
def test_every_step_box_of_the_demo_lists_the_box_in_step_order(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo", stdout=io.StringIO())
    checked = 0
    for membership in Membership.objects.filter(is_active=True).select_related("user", "agency"):
        scope = scope_for(membership.user, membership.agency, membership.role)
        for box in boxes_for(membership.role):
            if box.key not in STEP_BOXES:
                continue
            expected = list(listing(scope, box.key))
            rows = step_rows(scope, box.key)
            page = rows[0 : len(expected) + 5]
            assert sorted(d.pk for d in page) == sorted(d.pk for d in expected), (membership.user, box.key)
            assert rows.count() == rows.capped_count(1000) == len(expected)
            dues = [d.step_due_at for d in page]
            assert dues == sorted(dues), (membership.user, box.key)
            assert rows[0:1] + rows[1:3] == page[:3]
            checked += len(page)
    assert checked > 5  # the demo has work waiting in step boxes


def test_a_dossier_with_two_matching_steps_appears_once_even_when_steps_must_be_read_again(world, monkeypatch):
    monkeypatch.setattr(selectors_step_rows, "OVERFETCH", 1)
    doubled = to_processing(world)
    step = doubled.steps.get(state=StepState.ACTIVE)
    for _ in range(25):  # parallel twins, all due before anything else in the box
        twin = DossierStep.objects.get(pk=step.pk)
        twin.pk, twin.handler, twin.due_at = None, None, step.due_at - timedelta(hours=1)
        twin.save()
    others = [receive(world) for _ in range(3)]
    scope = scope_for(world.specialist, world.department, "specialist")
    page = step_rows(scope, "to_process")[0:20]
    assert [d.pk for d in page] == [doubled.pk, *(d.pk for d in others)]


def test_filters_narrow_a_step_box(world):
    wanted = receive(world)
    receive(world, applicant=applicant_data(full_name="Lê Thị Khác", id_number="038190000124"))
    scope = scope_for(world.specialist, world.department, "specialist")
    assert len(step_rows(scope, "to_process")[0:20]) == 2
    found = step_rows(scope, "to_process", Filters(q="nguyen thi hong"))
    assert [d.pk for d in found[0:20]] == [wanted.pk]
    assert found.count() == 1
    assert step_rows(scope, "to_process", extra=Q(status=99))[0:20] == []
