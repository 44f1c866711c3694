"""The benchmarks' bulk dossier generator (``benchmarks/dossiers_generate.py``) keeps writing valid data."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine

from motcua.dossiers.models import Dossier, DossierCodeCounter
from motcua.dossiers.tests.conftest import MONDAY_9AM, World, build_world
from motcua.dossiers.tests.helpers import receive

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import dossiers_generate  # a script of benchmarks/, importable once its folder is on the path


@pytest.fixture
def world(db: Any) -> Iterator[World]:
    with time_machine.travel(MONDAY_9AM, tick=False):
        yield build_world()


def test_generated_dossiers_have_unique_codes_and_intake_continues_after_them(world, capsys):
    assert dossiers_generate.main(["300"]) == 300
    assert "Created 300 dossiers" in capsys.readouterr().out
    assert Dossier.objects.count() == 300
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(set(codes)) == 300
    assert len(set(Dossier.objects.values_list("status", flat=True))) >= 6
    assert DossierCodeCounter.objects.filter(agency=world.centre).exists()
    fresh = receive(world)  # the counters moved past the generated numbers
    assert fresh.code not in codes
