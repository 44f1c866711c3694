"""The procedures a scope offers online, read from the catalogue version in force."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from motcua.catalogue.models import ProcedureVersion
from motcua.operations.offer import offer
from motcua.operations.scope import OpsScope

pytestmark = pytest.mark.django_db


def test_procedures_by_online_level_in_the_scope(world: Any) -> None:
    day = date(2026, 3, 2)
    version = ProcedureVersion.objects.in_force(day).get(procedure=world.procedure)
    province = offer(OpsScope(None, ""), day)
    assert province.total >= 1
    assert getattr(province, version.online_level) >= 1
    department = offer(OpsScope(frozenset({world.department.pk}), ""), day)
    assert department.total == 1 and department.full_share in (0.0, 1.0)
    assert offer(OpsScope(frozenset({world.partner.pk}), ""), day).total == 0
    ProcedureVersion.objects.filter(pk=version.pk).update(online_level="partial")
    assert offer(OpsScope(frozenset({world.department.pk}), ""), day).partial == 1
    assert offer(OpsScope(frozenset({world.department.pk}), ""), day).online_share == 1.0
    assert offer(OpsScope(None, ""), date(1990, 1, 1)).total == 0  # nothing in force then
