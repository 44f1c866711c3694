"""reserve_id: a primary key drawn before its row, so rows referring to it can be written first."""

from datetime import date

import pytest
from django.db import connection, transaction

from motcua.core.db import reserve_id
from motcua.dossiers.models import DossierCodeCounter
from motcua.organisations.models import Agency
from motcua.organisations.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_a_row_can_refer_to_a_reserved_id_before_the_row_exists():
    existing = AgencyFactory()
    with transaction.atomic():
        agency_id = reserve_id(Agency)
        assert agency_id > existing.pk
        DossierCodeCounter.objects.create(agency_id=agency_id, day=date(2026, 1, 5), last_value=3)
        AgencyFactory(pk=agency_id)
        connection.check_constraints()  # what the commit checks
    assert DossierCodeCounter.objects.get().agency == Agency.objects.get(pk=agency_id)
    assert AgencyFactory().pk > agency_id  # the table's own numbering goes on after it


def test_reserved_ids_are_never_handed_out_twice():
    drawn = [reserve_id(Agency) for _ in range(3)]
    assert drawn == sorted(set(drawn))
    assert AgencyFactory().pk > drawn[-1]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own counter table")
def test_sqlite_without_a_counter_row_starts_after_the_largest_key():
    last = AgencyFactory().pk
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [Agency._meta.db_table])
    assert reserve_id(Agency) == last + 1
    assert reserve_id(Agency) == last + 2
