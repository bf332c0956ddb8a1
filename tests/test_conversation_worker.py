"""Message notifications and the overdue alert sent by a real background worker (`manage.py db_worker`).

Only on PostgreSQL (the second test pass), like tests/test_afschrift_worker.py:
the messages are committed for real, so the worker process sees the task rows
a production worker would see.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from accounts.models import SmsOutboxMessage
from conversations import alerts, notifications, services
from conversations.models import Conversation, Notification, NotificationKind, NotificationStatus
from tests.workers import DATABASE_BACKEND, run_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker process needs a database it can reach"),
]


def test_a_real_worker_process_sends_the_notification_of_a_reply_once(personas, settings):
    settings.TASKS = DATABASE_BACKEND
    notifications.set_preference(personas.ben, "none")
    conversation = services.start_conversation(
        personas.client_a, personas.anna, "Vraag", "Kan dat?"
    ).message.conversation
    services.reply(conversation, personas.dirk, "Ja, dat kan.", from_care_team=True)
    notification = Notification.objects.get(recipient=personas.anna)
    assert notification.status == NotificationStatus.PENDING  # enqueued, not sent in the request

    for _run in range(2):
        finished = run_worker()
        assert finished.returncode == 0, finished.stderr[-2000:]

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT and notification.attempts == 1
    assert SmsOutboxMessage.objects.filter(number=str(personas.anna.mobile_number)).count() == 1


def test_a_real_worker_process_runs_the_deferred_overdue_check_when_its_time_has_come(personas, settings):
    settings.TASKS = DATABASE_BACKEND
    conversation = services.start_conversation(
        personas.client_a, personas.anna, "Vraag", "Kan dat?"
    ).message.conversation
    [check] = DBTaskResult.objects.filter(task_path="conversations.tasks.check_overdue_conversation")
    assert check.run_after == alerts.reply_due(conversation.awaiting_reply_since)

    finished = run_worker()
    assert finished.returncode == 0, finished.stderr[-2000:]
    check.refresh_from_db()
    assert check.status == "READY"  # not yet due: the worker leaves it

    # A week passes: move the message and its check back by a week (the same weekday, so the same response time).
    week = timedelta(days=7)
    since = conversation.awaiting_reply_since
    Conversation.objects.filter(pk=conversation.pk).update(awaiting_reply_since=since - week)
    DBTaskResult.objects.filter(pk=check.pk).update(run_after=check.run_after - week)
    for _run in range(2):
        finished = run_worker()
        assert finished.returncode == 0, finished.stderr[-2000:]

    check.refresh_from_db()
    assert check.status == "SUCCESSFUL" and check.return_value is True
    alerted = Notification.objects.filter(kind=NotificationKind.OVERDUE)
    assert list(alerted.values_list("recipient", "status")) == [(personas.dirk.pk, NotificationStatus.SENT)]
