"""The worker's retry of a notification that could not be sent (django-tasks, ``manage.py db_worker``)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from motcua.notifications import delivery
from motcua.notifications.models import Notification


class NotificationNotSent(Exception):
    """Raised by the last attempt so that the task's own result shows the failure too."""


@task()
def retry_notification(notification_id: int) -> str:
    """Try a pending notification again; schedule the next try, or fail when the attempts are used up."""
    with transaction.atomic():
        row = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if row is None or row.status != Notification.Status.PENDING:
            return "skipped"  # already sent (e.g. resent by an operator) or given up
        delivery.attempt(row)
        if row.status == Notification.Status.PENDING:
            schedule_retry(row)
    if row.status == Notification.Status.FAILED:
        raise NotificationNotSent(f"Notification {row.pk} to {row.recipient}: {row.error}")
    return row.status


def schedule_retry(row: Notification) -> None:
    """Queue the next attempt at ``row.next_attempt_at``, when the row's change commits.

    A queue that cannot defer (the immediate one of tests and development) runs it at once.
    """
    backend = retry_notification.get_backend()
    job = retry_notification.using(run_after=row.next_attempt_at) if backend.supports_defer else retry_notification
    transaction.on_commit(lambda: job.enqueue(row.pk))
