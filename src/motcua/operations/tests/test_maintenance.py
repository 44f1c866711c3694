"""The aggregates follow every dossier change made through the services, and equal a full recount.

Dossiers are received, asked for a supplement, extended, refused, withdrawn, resolved months after
their receipt, returned and rated, moving the clock between actions; after each step the reconciliation
finds no difference and the figures read from the aggregates equal the figures counted over the dossiers.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ComponentData
from motcua.dossiers.tests.conftest import MONDAY_9AM
from motcua.dossiers.tests.helpers import pdf, receive, to_processing
from motcua.operations import facts, periods, scan, selectors
from motcua.operations.figures import CORE_KEYS, Window
from motcua.operations.models import DayFact
from motcua.operations.reconcile import reconcile
from motcua.operations.scope import OpsScope
from motcua.operations.selectors import Filters

pytestmark = pytest.mark.django_db(transaction=False)
PROVINCE = OpsScope(None, "Toàn tỉnh")
PERIODS = [periods.month(2026, 3), periods.month(2026, 6), periods.quarter(2026, 2), periods.year(2026)]


def assert_consistent(now: Any) -> None:
    outcome = reconcile()
    assert outcome.differences == [], [str(d) for d in outcome.differences[:5]]
    for period in PERIODS:
        w = Window(period.start, period.end, now)
        assert selectors.counts(PROVINCE, w, Filters()) == scan.counts(PROVINCE, w, Filters()), period.label
        for dimension in selectors.DIMENSIONS:
            got = _core(selectors.breakdown(PROVINCE, w, Filters(), dimension))
            assert got == _core(scan.breakdown(PROVINCE, w, Filters(), dimension)), (period.label, dimension)


def _core(rows: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    """The rows' core figures by group, leaving out groups where every figure is 0."""
    return {r["key"]: {k: r[k] for k in ("name", *CORE_KEYS)} for r in rows if any(r[k] for k in CORE_KEYS)}


def test_changes_through_the_services_keep_the_aggregates_equal_to_a_recount(world: Any, frozen: Any) -> None:
    late = to_processing(world)
    refused = receive(world, decision="refuse", reason="Không thuộc thẩm quyền")
    withdrawn = to_processing(world)
    assert refused.status == Status.REFUSED_AT_INTAKE
    assert DayFact.objects.exists()
    assert_consistent(MONDAY_9AM)

    frozen.shift(timedelta(days=1))
    late = services.request_supplement(late, actor=world.specialist, items=["Bản sao sổ hộ khẩu"])
    frozen.shift(timedelta(days=2))
    late = services.receive_supplement(late, actor=world.officer, components=[ComponentData(name="Bản sao sổ hộ khẩu")])
    late = services.extend(late, actor=world.specialist, new_due_at=late.due_at + timedelta(days=7), reason="Xác minh")
    withdrawn.applicant.user = world.stranger
    withdrawn.applicant.save()
    services.withdraw_request(withdrawn, actor=world.stranger, reason="Không còn nhu cầu")
    assert_consistent(MONDAY_9AM + timedelta(days=3))

    # Resolved, returned and rated three months after its receipt: June's counters change, March's stay.
    frozen.shift(timedelta(days=95))
    late = services.forward(late, actor=world.specialist, note="Đủ điều kiện")
    late = services.approve(late, actor=world.leader)
    late = services.attach_result(late, actor=world.leader, result_files=[pdf("ket-qua.pdf")])
    late = services.return_result(late, actor=world.officer, method="counter")
    late.applicant.user = world.stranger
    late.applicant.save()
    services.rate_dossier(late, actor=world.stranger, satisfaction="not_satisfied")
    now = MONDAY_9AM + timedelta(days=98)
    assert_consistent(now)
    june = Window(periods.month(2026, 6).start, periods.month(2026, 6).end, now)
    got = selectors.counts(PROVINCE, june, Filters())
    assert (got["resolved"], got["resolved_late"], got["returned"], got["received"]) == (1, 1, 1, 0)
    assert selectors.index_counts(PROVINCE, june, Filters())["ratings_not_satisfied"] == 1


def test_a_change_rolled_back_leaves_the_aggregates_as_they_were(world: Any) -> None:
    dossier = to_processing(world)
    before = facts.stored(DayFact, None, None)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.forward(dossier, actor=world.specialist, note="Đủ điều kiện")
        raise RuntimeError("rolled back")
    assert facts.stored(DayFact, None, None) == before
    assert reconcile().differences == []


def test_reconciliation_reports_and_fixes_a_row_changed_behind_its_back(world: Any) -> None:
    to_processing(world)
    Dossier.objects.update(channel="online")  # bypasses the services
    outcome = reconcile()
    assert outcome.differences and not outcome.fixed
    assert any(d.counter == "received_online" for d in outcome.differences)
    assert reconcile(fix=True).fixed
    assert reconcile().differences == []


def test_the_same_change_applied_twice_adds_nothing(world: Any) -> None:
    dossier = to_processing(world)
    contribution = facts.contribution(dossier.pk)
    before = facts.stored(DayFact, None, None)
    facts.apply(facts.difference(contribution, contribution))
    assert facts.stored(DayFact, None, None) == before


def test_the_command_reports_differences_and_fixes_them(world: Any) -> None:
    to_processing(world)
    out = StringIO()
    call_command("reconcile_operations", stdout=out)
    assert "No difference" in out.getvalue()
    Dossier.objects.update(channel="postal")
    with pytest.raises(SystemExit):
        call_command("reconcile_operations", "--from", "2026-03-01", "--to", "2026-03-31", stdout=out)
    assert "received_postal" in out.getvalue()
    call_command("reconcile_operations", "--fix", stdout=out)
    assert reconcile().differences == []
    with pytest.raises(CommandError):
        call_command("reconcile_operations", "--from", "2026-03-31", "--to", "2026-03-01")
