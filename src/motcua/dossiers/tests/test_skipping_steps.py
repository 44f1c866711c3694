"""Attaching the result never leaves out steps of the published process silently."""

from __future__ import annotations

import pytest

from motcua.accounts.models import Role
from motcua.catalogue.data import dump_version
from motcua.catalogue.tests.factories import step
from motcua.core.exceptions import PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.constants import Status, StepState
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.processing import StepsRemaining
from motcua.dossiers.tests.conftest import build_world
from motcua.dossiers.tests.helpers import pdf, receive

SIGN = "Ký duyệt (Lãnh đạo Sở)"
ISSUE = "Vào sổ, phát hành"


def _process(*, skippable: bool) -> list[dict]:
    return [
        step("Tiếp nhận", "4", role="one_stop_officer", actor_kind="one_stop_unit"),
        step("Thẩm định", "8"),
        step("Xem xét, trình ký (Lãnh đạo phòng)", "4", role="head_of_division"),
        step(SIGN, "4", role="leader", actor_kind="leader", skippable=skippable),
        step(ISSUE, "2", skippable=skippable),
        step("Trả kết quả", "2", role="one_stop_officer", actor_kind="one_stop_unit"),
    ]


def _at_head_step(*, skippable: bool):
    world = build_world(processes=[{"steps": _process(skippable=skippable)}])
    dossier = services.forward(receive(world), actor=world.specialist)
    dossier = services.approve(dossier, actor=world.head)
    return world, dossier


def _states(dossier: Dossier) -> dict[str, str]:
    return dict(dossier.steps.values_list("name", "state"))


@pytest.mark.usefixtures("db", "frozen")
def test_result_at_the_head_step_is_refused_naming_the_steps_that_remain():
    world, dossier = _at_head_step(skippable=False)
    with pytest.raises(StepsRemaining) as refused:
        services.attach_result(dossier, actor=world.head, result_files=[pdf("kq.pdf")])
    assert f"“{SIGN}”; “{ISSUE}”" in refused.value.message
    assert refused.value.code == "steps_remaining" and "skip_reason" in refused.value.fields
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert _states(dossier)[SIGN] == StepState.PENDING and _states(dossier)[ISSUE] == StepState.PENDING


@pytest.mark.usefixtures("db", "frozen")
def test_a_reason_does_not_skip_steps_the_process_does_not_allow_to_skip():
    world, dossier = _at_head_step(skippable=False)
    with pytest.raises(StepsRemaining) as refused:
        services.attach_result(dossier, actor=world.head, result_files=[pdf()], skip_reason="Lãnh đạo Sở đi vắng")
    assert "không cho phép bỏ qua" in refused.value.message and SIGN in refused.value.message


@pytest.mark.usefixtures("db", "frozen")
def test_a_head_skips_skippable_steps_with_a_recorded_reason():
    world, dossier = _at_head_step(skippable=True)
    with pytest.raises(StepsRemaining):  # allowed by the process, but a reason is still required
        services.attach_result(dossier, actor=world.head, result_files=[pdf()])
    reason = "Thủ tục được ủy quyền cho Lãnh đạo phòng ký"
    dossier = services.attach_result(dossier, actor=world.head, result_files=[pdf()], skip_reason=reason)
    assert dossier.status == Status.RESOLVED
    states = _states(dossier)
    assert states[SIGN] == StepState.SKIPPED and states[ISSUE] == StepState.SKIPPED
    assert states["Trả kết quả"] == StepState.ACTIVE
    event = DossierEvent.objects.get(dossier=dossier, action="attach_result")
    assert event.data["skipped"] == [SIGN, ISSUE] and event.data["skip_reason"] == reason
    assert event.role == Role.HEAD_OF_DIVISION


@pytest.mark.usefixtures("db", "frozen")
def test_only_a_head_of_the_step_agency_may_skip():
    world, dossier = _at_head_step(skippable=True)
    with pytest.raises(PermissionDenied) as refused:
        services.attach_result(dossier, actor=world.specialist, result_files=[pdf()], skip_reason="Cần trả sớm")
    assert "Chỉ lãnh đạo cơ quan thực hiện bước" in refused.value.message


@pytest.mark.usefixtures("db", "frozen")
def test_the_flag_is_part_of_the_published_process():
    world, _ = _at_head_step(skippable=True)
    steps = dump_version(world.procedure.versions.get())["processes"][0]["steps"]
    assert [s["skippable"] for s in steps] == [False, False, False, True, True, False]
