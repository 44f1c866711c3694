"""The result form says which steps of the process remain and asks why they are skipped."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.catalogue.tests.factories import make_procedure, step
from motcua.dossiers import services
from motcua.dossiers.constants import StepState
from motcua.dossiers.tests.helpers import pdf, receive

pytestmark = pytest.mark.django_db
SIGN = "Ký duyệt (Lãnh đạo Sở)"


def _approved_at_head_step(world: Any) -> Any:
    procedure = make_procedure(
        "Cấp giấy phép thử nghiệm",
        competent_agencies=[world.department.identifier_code],
        levels=["province"],
        processes=[
            {
                "steps": [
                    step("Tiếp nhận", "4", role="one_stop_officer", actor_kind="one_stop_unit"),
                    step("Thẩm định", "8"),
                    step("Trình ký (Lãnh đạo phòng)", "4", role="head_of_division"),
                    step(SIGN, "6", role="leader", actor_kind="leader", skippable=True),
                    step("Trả kết quả", "2", role="one_stop_officer", actor_kind="one_stop_unit"),
                ]
            }
        ],
    )
    dossier = services.forward(receive(world, procedure=procedure), actor=world.specialist)
    return services.approve(dossier, actor=world.head)


def test_result_form_lists_remaining_steps_and_needs_a_reason(client: Client, world: Any) -> None:
    dossier = _approved_at_head_step(world)
    client.force_login(world.head)
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert "Lý do bỏ qua các bước còn lại" in html and f"“{SIGN}”" in html
    url = reverse("backoffice:action", kwargs={"code": dossier.code, "action": "attach_result"})
    files = {"attach_result-version": dossier.version, "attach_result-result_files": [pdf("kq.pdf")]}
    refused = client.post(url, files)
    assert refused.status_code == 400
    assert "Quy trình nội bộ còn bước chưa thực hiện" in refused.content.decode()
    assert dossier.steps.get(name=SIGN).state == StepState.PENDING
    files = {**files, "attach_result-result_files": [pdf("kq.pdf")], "attach_result-skip_reason": "Được ủy quyền ký"}
    assert client.post(url, files).status_code == 302
    assert dossier.steps.get(name=SIGN).state == StepState.SKIPPED
    html = client.get(reverse("backoffice:dossier", kwargs={"code": dossier.code})).content.decode()
    assert "Đã bỏ qua" in html and "Lý do bỏ qua: Được ủy quyền ký" in html
