"""The main path through the services: counter intake → acceptance → processing → return."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail

from motcua.core.exceptions import Conflict, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.constants import Status, StepState
from motcua.dossiers.models import DossierEvent, Handover
from motcua.dossiers.tests.helpers import pdf, receive, to_processing
from motcua.notifications.sms import MemoryBackend
from motcua.workdays.constants import VIETNAM_TZ

pytestmark = pytest.mark.django_db


def test_counter_intake_accepts_with_code_due_moment_and_steps(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = receive(world)

    assert dossier.status == Status.ACCEPTED
    assert dossier.code == "000.00.06.H56-260302-0001"
    # 3 working days from Monday 09:00 → Thursday 09:00.
    assert dossier.due_at == datetime(2026, 3, 5, 9, 0, tzinfo=VIETNAM_TZ)
    steps = list(dossier.steps.order_by("order"))
    assert [s.name for s in steps] == ["Tiếp nhận", "Thẩm định", "Ký duyệt", "Trả kết quả"]
    assert [s.state for s in steps] == [StepState.DONE, StepState.ACTIVE, StepState.PENDING, StepState.PENDING]
    # Step dues chain on the working-time clock: 4 h, then 12 h, 4 h, 4 h.
    assert steps[0].due_at == datetime(2026, 3, 2, 14, 30, tzinfo=VIETNAM_TZ)
    assert steps[1].due_at == datetime(2026, 3, 4, 9, 0, tzinfo=VIETNAM_TZ)
    assert steps[3].due_at == dossier.due_at
    assert steps[0].timing == "on_time"  # finished on its due day
    assert steps[1].agency == world.department
    assert [e.action for e in dossier.events.all()] == ["register", "accept"]
    assert dossier.components.get().digitised is True
    assert dossier.fee_total_vnd == 50000
    assert len(mail.outbox) == 1 and dossier.code in mail.outbox[0].subject
    assert MemoryBackend.outbox[0].phone == "0912345678"


def test_codes_follow_the_daily_sequence(world):
    first = receive(world)
    second = receive(world, applicant=first.applicant)
    assert second.code == "000.00.06.H56-260302-0002"


def test_full_path_to_returned_classifies_dossier_and_steps(world, frozen):
    dossier = to_processing(world)
    assert dossier.status == Status.PROCESSING
    frozen.shift(timedelta(hours=3))
    dossier = services.forward(dossier, actor=world.specialist, note="Hồ sơ đủ điều kiện", expected_version=3)
    dossier = services.approve(dossier, actor=world.leader)
    dossier = services.attach_result(dossier, actor=world.leader, result_files=[pdf("ket-qua.pdf")])
    assert dossier.status == Status.RESOLVED
    assert dossier.timing == "early"
    dossier = services.return_result(dossier, actor=world.officer, method="counter")
    assert dossier.status == Status.RETURNED
    assert dossier.returned_to == "Nguyễn Thị Hồng Nhung"
    assert not dossier.steps.filter(state__in=[StepState.ACTIVE, StepState.PENDING]).exists()
    handovers = list(Handover.objects.filter(dossier=dossier).values_list("step__name", flat=True))
    assert handovers == ["Tiếp nhận", "Thẩm định", "Ký duyệt", "Trả kết quả"]
    actions = list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert actions == ["register", "accept", "assign", "forward", "approve", "attach_result", "return_result"]


def test_stale_version_is_a_conflict_and_changes_nothing(world):
    dossier = to_processing(world)
    with pytest.raises(Conflict) as error:
        services.forward(dossier, actor=world.specialist, expected_version=dossier.version - 1)
    assert error.value.code == "conflict" and error.value.status == 409
    dossier.refresh_from_db()
    assert dossier.steps.get(name="Thẩm định").state == StepState.ACTIVE


def test_official_of_another_agency_cannot_act(world):
    dossier = to_processing(world)
    with pytest.raises(PermissionDenied):
        services.forward(dossier, actor=world.partner_specialist)
    with pytest.raises(PermissionDenied):
        services.accept(receive(world, decision="register"), actor=world.stranger)
