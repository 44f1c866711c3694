from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from motcua.dossiers.models import Dossier, DossierCodeCounter
from motcua.dossiers.tests.helpers import receive


@pytest.mark.django_db
def test_generated_dossiers_have_unique_codes_and_intake_continues_after_them(world):
    call_command("generate_dossiers", "300", stdout=io.StringIO())
    assert Dossier.objects.count() == 300
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(set(codes)) == 300
    assert len(set(Dossier.objects.values_list("status", flat=True))) >= 6
    assert DossierCodeCounter.objects.filter(agency=world.centre).exists()
    fresh = receive(world)  # the counters moved past the generated numbers
    assert fresh.code not in codes
