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
