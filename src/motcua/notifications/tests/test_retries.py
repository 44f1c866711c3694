"""A message the provider refused is retried with a growing delay, then shown as failed to operators."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.test import override_settings
from django_tasks.backends.dummy import DummyBackend

from motcua.accounts.tests.factories import UserFactory
from motcua.notifications import tasks
from motcua.notifications.admin import masked
from motcua.notifications.models import Notification
from motcua.notifications.services import notify, resend

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class MailServerDown(Exception):
    pass


@pytest.fixture
def mail_server_down(monkeypatch):
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise MailServerDown("Máy chủ thư không phản hồi")

    monkeypatch.setattr("motcua.notifications.delivery.send_mail", refuse)
    return calls


@override_settings(TASKS=DUMMY, NOTIFICATION_MAX_ATTEMPTS=4, NOTIFICATION_RETRY_SECONDS=60)
def test_a_failed_message_is_requeued_with_backoff_then_marked_failed(
    mail_server_down, django_capture_on_commit_callbacks
):
    backend = tasks.retry_notification.get_backend()
    assert isinstance(backend, DummyBackend)
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(subject="Hồ sơ đã được tiếp nhận", body="…", emails=["an@example.vn"])
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Notification.Status.PENDING, 1)
    [queued] = backend.results
    assert queued.task.func is tasks.retry_notification.func and queued.args == [row.pk]
    assert queued.task.run_after == row.next_attempt_at == row.last_attempt_at + timedelta(seconds=60)

    delays = []
    for _ in range(3):  # the worker runs the queued retries
        backend.clear()
        with django_capture_on_commit_callbacks(execute=True), contextlib.suppress(tasks.NotificationNotSent):
            tasks.retry_notification.call(row.pk)
        row.refresh_from_db()
        if backend.results:
            delays.append(backend.results[0].task.run_after - row.last_attempt_at)
    assert delays == [timedelta(seconds=120), timedelta(seconds=240)]
    assert (row.status, row.attempts, len(mail_server_down)) == (Notification.Status.FAILED, 4, 4)
    assert "không phản hồi" in row.error and row.next_attempt_at is None


def test_the_last_failed_attempt_fails_the_task(mail_server_down, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    # The tests' immediate queue runs the retry at once; its last attempt fails the task's result.
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(subject="Nhắc hạn", body="…", emails=["an@example.vn"])
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Notification.Status.FAILED, 2)
    with pytest.raises(tasks.NotificationNotSent):
        row.status = Notification.Status.PENDING
        row.save()
        tasks.retry_notification.call(row.pk)


def test_a_message_sent_on_a_retry_is_sent(monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_MAX_ATTEMPTS = 5
    outcomes = iter([MailServerDown("tạm thời"), 1])

    def flaky(*args, **kwargs):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr("motcua.notifications.delivery.send_mail", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(subject="Có kết quả", body="…", emails=["an@example.vn"])
    row.refresh_from_db()
    assert (row.status, row.attempts, row.error) == (Notification.Status.SENT, 2, "")


def test_an_operator_sees_failed_messages_and_resends_them(client, mail_server_down, settings, monkeypatch):
    settings.NOTIFICATION_MAX_ATTEMPTS = 1
    [failed] = notify(subject="Hồ sơ cần bổ sung", body="Kính gửi bà Lan", emails=["lan@example.vn"])
    monkeypatch.undo()
    notify(subject="Đã gửi", body="…", emails=["ok@example.vn"])
    operator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)
    page = client.get("/admin/notifications/notification/", {"status__exact": "failed"})
    text = page.content.decode()
    assert page.status_code == 200 and "Gửi không thành công" in text
    assert "l…@example.vn" in text and "lan@example.vn" not in text and "ok@" not in text
    answer = client.post(
        "/admin/notifications/notification/",
        {"action": "resend_now", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "Đã gửi lại 1/1 thông báo." in answer.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Notification.Status.SENT, 2)
    assert mail.outbox[-1].to == ["lan@example.vn"]
    assert resend([failed]) == []  # already sent: nothing to do
    assert site.is_registered(Notification)


def test_recipients_are_masked():
    assert masked("an@example.vn") == "a…@example.vn" and masked("0912345678") == "091…678"
