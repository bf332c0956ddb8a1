"""Notifications about messages: content-free, sent once even when a job runs twice, retried, failures visible."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import SmsOutboxMessage
from accounts.sms import SmsDeliveryError
from conversations import alerts, notifications, services
from conversations.models import Conversation, Notification, NotificationStatus
from conversations.tasks import deliver_notification
from tests.personas import login_verified


@pytest.fixture
def conversation(personas):
    """Anna's question; Ben (who also has access) has switched notifications off, so only Anna is notified."""
    notifications.set_preference(personas.ben, "none")
    return services.start_conversation(
        personas.client_a, personas.anna, "Vraag over medicijnen", "Kan dat?"
    ).message.conversation


def _reply(conversation, personas, capture, text="Ja"):
    with capture(execute=True):
        return services.reply(conversation, personas.dirk, text, from_care_team=True).message


def test_a_job_that_runs_twice_sends_one_sms(personas, conversation, django_capture_on_commit_callbacks):
    _reply(conversation, personas, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=personas.anna)
    assert notification.status == NotificationStatus.SENT
    result = deliver_notification.enqueue(notification.pk)
    assert result.return_value == "skipped"
    assert SmsOutboxMessage.objects.filter(number="+31622222222").count() == 1


def test_a_row_claimed_by_another_worker_is_not_sent_again(personas, conversation):
    services.reply(conversation, personas.dirk, "Ja", from_care_team=True)
    notification = Notification.objects.get(recipient=personas.anna)
    Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.SENDING)
    assert notifications.deliver(notification.pk) == "skipped"
    assert not SmsOutboxMessage.objects.exists()


def test_the_same_message_never_creates_two_notifications_for_one_person(personas, conversation):
    message = services.reply(conversation, personas.dirk, "Ja", from_care_team=True).message
    notifications.notify_new_message(message)
    assert Notification.objects.filter(recipient=personas.anna).count() == 1


def test_every_portal_account_with_access_is_notified_except_the_author(personas, conversation):
    notifications.set_preference(personas.ben, "sms")
    services.reply(conversation, personas.dirk, "Ja", from_care_team=True)
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"anna", "ben"}
    services.reply(conversation, personas.anna, "Dank u")
    assert Notification.objects.filter(recipient=personas.anna).count() == 1
    assert Notification.objects.filter(recipient=personas.ben).count() == 2


def test_an_internal_note_notifies_nobody(personas, conversation):
    services.reply(conversation, personas.dirk, "notitie", from_care_team=True, is_internal=True)
    assert not Notification.objects.exists()


def test_a_failed_sms_is_retried_and_after_the_last_attempt_shown_to_staff(
    client, personas, conversation, django_capture_on_commit_callbacks, settings
):
    settings.CONVERSATION_NOTIFICATION_MAX_ATTEMPTS = 2
    with mock.patch("conversations.notifications.send_text_message", side_effect=SmsDeliveryError("Provider weg")):
        _reply(conversation, personas, django_capture_on_commit_callbacks)
        notification = Notification.objects.get(recipient=personas.anna)
        assert notification.status == NotificationStatus.PENDING
        assert notification.attempts == 1
        assert notification.next_attempt_at > timezone.now()
        assert notifications.enqueue_due() == 0  # not due yet
        assert notifications.enqueue_due(now=notification.next_attempt_at + timedelta(seconds=1)) == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 2
    assert notification.last_error == "Provider weg"
    login_verified(client, personas.dirk)
    page = client.get("/admin/berichten/meldingen-mislukt/").content.decode()
    assert "Provider weg" in page and "Anna" in page
    assert "kon niet worden afgeleverd" in client.get("/admin/berichten/").content.decode()


def test_a_retry_that_succeeds_sends_exactly_one_sms(personas, conversation, django_capture_on_commit_callbacks):
    real = notifications.send_text_message
    calls = iter([SmsDeliveryError("tijdelijk"), None])

    def flaky(number, text):
        error = next(calls)
        if error:
            raise error
        real(number, text)

    with mock.patch("conversations.notifications.send_text_message", side_effect=flaky):
        _reply(conversation, personas, django_capture_on_commit_callbacks)
        call_command("conversation_jobs", stdout=mock.MagicMock())  # not due yet: nothing sent
        notification = Notification.objects.get(recipient=personas.anna)
        notifications.enqueue_due(now=notification.next_attempt_at)
        notifications.enqueue_due(now=notification.next_attempt_at)
    assert SmsOutboxMessage.objects.filter(number="+31622222222").count() == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT and notification.attempts == 2


def test_a_notification_stuck_in_sending_is_marked_failed_not_sent_twice(personas, conversation):
    services.reply(conversation, personas.dirk, "Ja", from_care_team=True)
    notification = Notification.objects.get(recipient=personas.anna)
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING, claimed_at=timezone.now() - timedelta(hours=1)
    )
    notifications.enqueue_due()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert not SmsOutboxMessage.objects.exists()


def test_the_team_gets_a_content_free_email_once_when_a_message_waits_too_long(
    personas, conversation, django_capture_on_commit_callbacks, mailoutbox
):
    waited = timezone.make_aware(datetime(2026, 11, 20, 9, 0))  # a Friday
    Conversation.objects.filter(pk=conversation.pk).update(awaiting_reply_since=waited)
    tuesday_morning = timezone.make_aware(datetime(2026, 11, 24, 8, 0))
    wednesday = timezone.make_aware(datetime(2026, 11, 24, 10, 0))
    assert alerts.alert_overdue(now=tuesday_morning) == 0  # Monday and Tuesday 8:00: not yet 2 working days
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.alert_overdue(now=wednesday) == 1
        assert alerts.alert_overdue(now=wednesday) == 0
    alert = [m for m in mailoutbox if personas.dirk.email in m.to]
    assert len(alert) == 1
    text = alert[0].subject + alert[0].body
    assert "medicijnen" not in text and "Jansen" not in text and "100001" not in text
    assert "/admin/berichten/" in text


def test_a_new_unanswered_period_after_a_reply_alerts_again(personas, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(alerted_at=timezone.now())
    conversation.refresh_from_db()
    services.reply(conversation, personas.dirk, "Antwoord", from_care_team=True)
    conversation.refresh_from_db()
    assert conversation.alerted_at is None and conversation.awaiting_reply_since is None
    services.reply(conversation, personas.anna, "Nieuwe vraag")
    conversation.refresh_from_db()
    assert conversation.awaiting_reply_since is not None


def test_working_days_skip_the_weekend():
    monday = datetime(2026, 11, 23, 12, 0)
    assert alerts.working_days_before(monday, 2) == datetime(2026, 11, 19, 12, 0)  # Thursday


THURSDAY = datetime(2026, 11, 19, 10, 0)


def test_a_thursday_message_is_not_overdue_in_the_weekend(personas, conversation):
    waited = timezone.make_aware(THURSDAY)
    Conversation.objects.filter(pk=conversation.pk).update(awaiting_reply_since=waited)
    saturday_noon = timezone.make_aware(datetime(2026, 11, 21, 12, 0))
    monday_after_ten = timezone.make_aware(datetime(2026, 11, 23, 10, 1))
    assert not alerts.overdue(now=saturday_noon).exists()  # only Friday has passed
    assert alerts.overdue(now=monday_after_ten).exists()


def test_the_moment_an_answer_is_due_is_exactly_when_the_safety_net_calls_it_overdue():
    """`reply_due` (when the deferred check runs) and `overdue` (the cron command) are one rule."""
    start = THURSDAY - timedelta(days=10)
    moments = [start + timedelta(hours=3 * step, minutes=17) for step in range(8 * 21)]
    for since in moments:
        due = alerts.working_days_after(since, 2)
        assert alerts.working_days_before(due + timedelta(seconds=1), 2) > since, since
        assert not alerts.working_days_before(due - timedelta(seconds=1), 2) > since, since
        for now in moments:
            assert (since < alerts.working_days_before(now, 2)) == (now > due), (since, now)


DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CHECK_TASK = "conversations.tasks.check_overdue_conversation"


@pytest.fixture
def deferred_jobs(settings):
    """Tasks stored in the database, as with the production worker, so deferred ones wait for their time."""
    settings.TASKS = DATABASE_BACKEND


def run_due_jobs(at):
    """What `manage.py db_worker` does when the clock says `at`: run every stored task whose time has come.

    Each task runs as if in its own committed transaction, so what it enqueues
    after commit (the delivery of an alert) is run in the same loop.
    """
    from django.test import TestCase
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    )
    with mock.patch("django.utils.timezone.now", return_value=at):
        while (job := DBTaskResult.objects.ready().get_locked()) is not None:
            job.claim(worker.worker_id)
            with TestCase.captureOnCommitCallbacks(execute=True):
                worker.run_task(job)


def client_writes(personas, capture, text="Is er al nieuws?"):
    with capture(execute=True):
        return services.start_conversation(personas.client_a, personas.anna, "Vraag", text).message.conversation


def team_alerts():
    return Notification.objects.filter(kind="overdue")


def test_a_clients_message_schedules_one_check_at_the_moment_its_answer_is_due(
    personas, deferred_jobs, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    conversation = client_writes(personas, django_capture_on_commit_callbacks)
    [check] = DBTaskResult.objects.filter(task_path=CHECK_TASK)
    assert check.status == "READY" and check.args_kwargs["args"] == [conversation.pk]
    assert check.run_after == alerts.reply_due(conversation.awaiting_reply_since)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(conversation, personas.anna, "Nog een vraag erbij")
    assert DBTaskResult.objects.filter(task_path=CHECK_TASK).count() == 1  # still the same unanswered period


def test_the_deferred_check_alerts_the_team_once_when_nobody_answered(
    personas, deferred_jobs, django_capture_on_commit_callbacks, mailoutbox
):
    conversation = client_writes(personas, django_capture_on_commit_callbacks)
    due = alerts.reply_due(conversation.awaiting_reply_since)
    run_due_jobs(at=due - timedelta(minutes=1))
    assert not team_alerts().exists()

    run_due_jobs(at=due + timedelta(minutes=1))
    assert set(team_alerts().values_list("recipient", "status")) == {(personas.dirk.pk, NotificationStatus.SENT)}
    assert [m.subject for m in mailoutbox if personas.dirk.email in m.to] == [notifications.overdue_subject()]

    from conversations.tasks import check_overdue_conversation

    with mock.patch("django.utils.timezone.now", return_value=due + timedelta(minutes=5)):
        assert check_overdue_conversation.call(conversation.pk) is False  # a retried or duplicate job
        assert alerts.alert_overdue() == 0  # and the cron safety net
    assert team_alerts().count() == 1
    assert len([m for m in mailoutbox if personas.dirk.email in m.to]) == 1


def test_the_deferred_check_does_nothing_when_the_team_answered_in_time(
    personas, deferred_jobs, django_capture_on_commit_callbacks
):
    conversation = client_writes(personas, django_capture_on_commit_callbacks)
    due = alerts.reply_due(conversation.awaiting_reply_since)
    _reply(conversation, personas, django_capture_on_commit_callbacks, text="Ja, er is nieuws.")
    run_due_jobs(at=due + timedelta(minutes=1))
    assert not team_alerts().exists()
    assert Conversation.objects.get(pk=conversation.pk).alerted_at is None


def test_the_deferred_check_does_nothing_when_the_conversation_was_closed(
    personas, deferred_jobs, django_capture_on_commit_callbacks
):
    conversation = client_writes(personas, django_capture_on_commit_callbacks)
    due = alerts.reply_due(conversation.awaiting_reply_since)
    services.set_status(conversation, "closed")
    run_due_jobs(at=due + timedelta(minutes=1))
    assert not team_alerts().exists()


def test_a_check_from_an_earlier_unanswered_period_does_not_alert_for_a_newer_message(
    personas, deferred_jobs, django_capture_on_commit_callbacks
):
    conversation = client_writes(personas, django_capture_on_commit_callbacks)
    first_due = alerts.reply_due(conversation.awaiting_reply_since)
    _reply(conversation, personas, django_capture_on_commit_callbacks)
    later = first_due - timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=later), django_capture_on_commit_callbacks(execute=True):
        services.reply(conversation, personas.anna, "Nog iets")
    run_due_jobs(at=first_due + timedelta(minutes=1))
    assert not team_alerts().exists()


def test_a_conversation_reopened_while_the_client_still_waits_is_checked_again(
    personas, deferred_jobs, django_capture_on_commit_callbacks
):
    conversation = client_writes(personas, django_capture_on_commit_callbacks)
    due = alerts.reply_due(conversation.awaiting_reply_since)
    services.set_status(conversation, "closed")
    run_due_jobs(at=due + timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(conversation, "open")
    run_due_jobs(at=due + timedelta(minutes=2))
    assert set(team_alerts().values_list("recipient", flat=True)) == {personas.dirk.pk}
