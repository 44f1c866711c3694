"""Migration 0008 turns "bắt buộc" yes/no into always / conditional / optional, reading the stored wording."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from motcua.catalogue.models import Component

BEFORE = [("catalogue", "0007_fee_channels_and_online_reduction")]


def _migrate(targets: list[tuple[str, str]] | None = None) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.mark.django_db(transaction=True)
def test_stored_components_are_classified_by_their_wording_and_the_way_back_keeps_yes_no() -> None:
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    sector = old.get_model("catalogue", "Sector").objects.create(code="G09-TP01", name="Hộ tịch", name_folded="ho tich")
    procedure = old.get_model("catalogue", "Procedure").objects.create(
        code="1.001193", name="Đăng ký khai sinh", name_folded="dang ky khai sinh", sector=sector
    )
    version = old.get_model("catalogue", "ProcedureVersion").objects.create(
        procedure=procedure, number=1, effective_from=datetime.date(2026, 1, 1), legal_time_unit="working_days"
    )
    rows = [
        ("Tờ khai", "", True),
        ("Biên bản về việc trẻ bị bỏ rơi", "chỉ khi khai sinh cho trẻ bị bỏ rơi", True),
        ("Ảnh", "", False),
        ("Văn bản ủy quyền", "khi ủy quyền", False),
    ]
    for order, (name, note, mandatory) in enumerate(rows, 1):
        old.get_model("catalogue", "Component").objects.create(
            version=version, order=order, name=name, note=note, mandatory=mandatory
        )

    _migrate()
    assert [(c.requirement, c.condition) for c in Component.objects.order_by("order")] == [
        ("always", ""),
        ("conditional", "Chỉ khi khai sinh cho trẻ bị bỏ rơi"),
        ("optional", ""),
        ("conditional", "Khi ủy quyền"),
    ]

    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    back = old.get_model("catalogue", "Component").objects.order_by("order").values_list("mandatory", flat=True)
    assert list(back) == [True, False, False, False]
    _migrate()
