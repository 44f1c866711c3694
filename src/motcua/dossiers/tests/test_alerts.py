"""Deadline reminders: due within 1 working day or overdue, once per day, to handler and one-stop unit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from motcua.dossiers import alerts, tasks
from motcua.dossiers.tests.helpers import to_processing

pytestmark = pytest.mark.django_db


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_nothing_due_nothing_sent(world):
    to_processing(world)  # appraisal step due Wednesday 09:00, dossier Thursday 09:00
    result = alerts.scan(timezone.now())
    assert result.as_dict() == {"dossiers": 0, "steps": 0, "messages": 0}
    assert mail.outbox == []


def test_step_due_soon_then_overdue_each_notified_once_a_day(world, frozen):
    to_processing(world)
    frozen.shift(timedelta(days=1, hours=1))  # Tuesday 10:00: the step is due within a working day
    first = alerts.scan(timezone.now())
    assert first.steps == 1 and first.dossiers == 0
    assert recipients() == {world.specialist.email, world.officer.email}
    assert "sắp đến hạn" in mail.outbox[0].body
    mail.outbox.clear()
    assert alerts.scan(timezone.now()).as_dict() == {"dossiers": 0, "steps": 0, "messages": 0}  # idempotent
    frozen.shift(timedelta(days=2))  # Thursday 10:00: step and dossier overdue
    again = alerts.scan(timezone.now())
    assert again.steps == 1 and again.dossiers == 1
    assert recipients() == {world.specialist.email, world.officer.email, world.head.email, world.leader.email}
    assert any("QUÁ HẠN" in message.body for message in mail.outbox)


def test_task_and_command(world, frozen):
    to_processing(world)
    frozen.shift(timedelta(days=3, hours=1))
    assert tasks.scan_deadlines.call()["steps"] == 1
    call_command("scan_dossier_deadlines")  # already sent today: runs, sends nothing new


def test_periodic_task_enqueues_its_next_run_once(world, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    result = tasks.scan_deadlines.call(every_minutes=30)
    assert result["next_enqueued"] is True
    waiting = DBTaskResult.objects.get(task_path=tasks.TASK_PATH, status="READY")
    assert waiting.run_after > timezone.now() + timedelta(minutes=29)
    assert tasks.scan_deadlines.call(every_minutes=30)["next_enqueued"] is False
    call_command("scan_dossier_deadlines", "--enqueue", "--every", "30")
    assert DBTaskResult.objects.filter(task_path=tasks.TASK_PATH).count() == 1


def test_applicant_messages_are_queued_for_the_worker(world, settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from motcua.dossiers.tests.helpers import receive

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        dossier = receive(world)
    queued = DBTaskResult.objects.get(task_path="motcua.dossiers.tasks.send_applicant_message")
    assert queued.args_kwargs["args"] == [dossier.pk, "accepted"]
    assert mail.outbox == []  # nothing is sent inside the officer's request
    tasks.send_applicant_message.call(dossier.pk, "accepted")
    assert dossier.code in mail.outbox[0].subject


def test_the_database_queue_gets_the_message_in_the_service_transaction(world, settings):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from motcua.dossiers.tests.helpers import receive

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        receive(world)
        assert DBTaskResult.objects.filter(task_path="motcua.dossiers.tasks.send_applicant_message").count() == 1
        raise RuntimeError("the request fails after the service")
    assert not DBTaskResult.objects.exists()  # rolled back with the dossier: no message about it
    dossier = receive(world)
    assert DBTaskResult.objects.get().args_kwargs["args"] == [dossier.pk, "accepted"]


def test_another_queue_gets_the_message_after_commit(world, django_capture_on_commit_callbacks):
    from motcua.dossiers.tests.helpers import receive

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dossier = receive(world)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert dossier.code in mail.outbox[-1].subject
