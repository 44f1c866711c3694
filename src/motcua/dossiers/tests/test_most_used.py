"""The portal's "most used" procedures: those a citizen can submit online first, then by use."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.catalogue.models import ProcedureVersion
from motcua.catalogue.tests.factories import make_procedure
from motcua.dossiers.selectors import most_used_procedures
from motcua.dossiers.tests.helpers import receive

pytestmark = pytest.mark.django_db


def _counter_only(world: Any, name: str) -> Any:
    return make_procedure(
        name,
        competent_agencies=[world.department.identifier_code],
        levels=["province"],
        online_level="none",
        channels=["counter"],
    )


def test_a_procedure_done_only_at_the_counter_comes_after_the_online_ones_however_used(world: Any) -> None:
    busy_counter = _counter_only(world, "Chứng thực bản sao từ bản chính")
    for _ in range(3):
        receive(world, procedure=busy_counter)
    online_unused = make_procedure("Đăng ký khai sinh", online_level="full")
    receive(world)  # world.procedure: online, used once
    ranked = most_used_procedures(3)
    assert ranked == [world.procedure, online_unused, busy_counter]
    assert [p.uses for p in ranked] == [1, 0, 3]
    assert [p.online_level_now for p in ranked] == [
        ProcedureVersion.objects.get(procedure=world.procedure).online_level,
        "full",
        "none",
    ]


def test_among_online_procedures_the_most_used_comes_first(world: Any) -> None:
    partial = make_procedure(
        "Cấp giấy phép xây dựng",
        online_level="partial",
        competent_agencies=[world.department.identifier_code],
        levels=["province"],
    )
    receive(world, procedure=partial)
    receive(world, procedure=partial)
    receive(world)
    assert most_used_procedures(2) == [partial, world.procedure]
