"""The dossier page's reads: what an agency may open, and one read of the steps shared with the forms."""

from __future__ import annotations

import pytest

from motcua.dossiers.inputs import assignable_officials
from motcua.dossiers.selectors.pages import dossier_for_agencies, dossier_page
from motcua.dossiers.tests.helpers import receive
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_only_agencies_that_may_open_it_get_the_dossier(world):
    dossier = receive(world)
    assert dossier_for_agencies([world.centre.pk], dossier.code) == dossier
    assert dossier_for_agencies([AgencyFactory().pk], dossier.code) is None
    assert dossier_for_agencies([world.centre.pk], "H00.000.00-000000-0000") is None


def test_steps_are_read_once_for_the_page_and_its_forms(world, django_assert_num_queries):
    dossier = dossier_for_agencies([world.centre.pk], receive(world).code)
    assert dossier is not None
    page = dossier_page(dossier)
    assert page.steps and [s.order for s in page.steps] == sorted(s.order for s in page.steps)
    with django_assert_num_queries(0):
        assert list(dossier.steps.all()) == page.steps  # what the action forms read
        assert all(step.agency.name for step in page.steps)
    officials = assignable_officials(dossier)
    with django_assert_num_queries(1):  # only the officials themselves
        list(officials)
