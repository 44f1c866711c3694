"""Background tasks of the dossier engine (django-tasks; the worker is ``manage.py db_worker``).

``send_applicant_message`` sends the applicant's e-mail and SMS the services queue with their change
(``notify_applicant``; the texts are in ``notify``).
``scan_deadlines`` reminds officials of dossiers and steps due within 1 working day or overdue.
Run it periodically by enqueuing it once with ``every_minutes``: each run enqueues the next one
(``run_after``), unless a run is already waiting, so the worker alone keeps the schedule::

    manage.py scan_dossier_deadlines --enqueue --every 60
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task

from motcua.core.tasks import enqueue_with_transaction
from motcua.dossiers import alerts, notify

TASK_PATH = "motcua.dossiers.tasks.scan_deadlines"


def next_run_waiting() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").exists()


def schedule_next(every_minutes: int) -> bool:
    """Enqueue the next periodic scan unless one is already waiting. True when enqueued."""
    if every_minutes <= 0 or not scan_deadlines.get_backend().supports_defer or next_run_waiting():
        return False
    run_after = timezone.now() + timedelta(minutes=every_minutes)
    scan_deadlines.using(run_after=run_after).enqueue(every_minutes=every_minutes)
    return True


@task()
def scan_deadlines(every_minutes: int = 0) -> dict[str, Any]:
    result = alerts.scan(timezone.now()).as_dict()
    if every_minutes > 0:
        result["next_enqueued"] = schedule_next(every_minutes)
    return result


@task()
def send_applicant_message(dossier_id: int, topic: str) -> None:
    """E-mail and SMS to the applicant about their dossier (accepted, supplement, result…)."""
    notify.deliver(dossier_id, topic)


def notify_applicant(dossier_id: int, topic: str) -> None:
    """Queue the message for the background worker, as part of the service's transaction: it is
    sent if and only if the change commits (``core.tasks.enqueue_with_transaction``).

    Sending waits for mail and SMS providers, which must not hold up the official at the counter.
    """
    enqueue_with_transaction(send_applicant_message, dossier_id, topic)
