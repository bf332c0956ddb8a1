"""Content-free notifications about messages, and their delivery with retries.

A notification says only that there is a new message in MijnDossier (or, for
the team, that a message waits longer than the response time): never the text,
the subject, the client's name or any health data. Each is a `Notification`
row with a unique idempotency key, created in the transaction that stored the
message and handed to a background job after commit. The job claims the row
with one conditional UPDATE (pending → sending) before sending, so a job that
is retried or runs twice sends once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.sms import SmsDeliveryError, send_text_message
from dossier.models import DossierAccess
from home.organisation import current_organisation

from .models import (
    Channel,
    Notification,
    NotificationChoice,
    NotificationKind,
    NotificationPreference,
    NotificationStatus,
)

logger = logging.getLogger(__name__)

STUCK_AFTER = timedelta(minutes=15)


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def new_message_sms_text() -> str:
    return _("%(organisation)s: er is een nieuw bericht voor u in MijnDossier. Log in om het te lezen.") % {
        "organisation": current_organisation().sender_name
    }


def overdue_subject() -> str:
    return _("Een bericht in MijnDossier wacht op antwoord")


def preferred_channels(user, preferences: dict) -> list[str]:
    choice = preferences.get(user.pk)
    if choice is None:
        choice = NotificationChoice.SMS if user.mobile_number else NotificationChoice.EMAIL
    return {
        NotificationChoice.SMS: [Channel.SMS],
        NotificationChoice.EMAIL: [Channel.EMAIL],
        NotificationChoice.BOTH: [Channel.SMS, Channel.EMAIL],
    }.get(choice, [])


def preference_of(user) -> str:
    found = NotificationPreference.objects.filter(user=user).values_list("channel", flat=True).first()
    if found:
        return found
    return NotificationChoice.SMS if user.mobile_number else NotificationChoice.EMAIL


def set_preference(user, channel):
    NotificationPreference.objects.update_or_create(user=user, defaults={"channel": channel})


def _create(rows: list[Notification]):
    """Store the notifications (an existing key is skipped) and enqueue their delivery after commit."""
    if not rows:
        return
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    keys = [row.idempotency_key for row in rows]
    transaction.on_commit(lambda: enqueue_pending(keys))


def enqueue_pending(keys):
    from .tasks import deliver_notification

    for pk in Notification.objects.filter(idempotency_key__in=keys, status=NotificationStatus.PENDING).values_list(
        "pk", flat=True
    ):
        deliver_notification.enqueue(pk)


def notify_new_message(message):
    """Every portal account that may read the conversation today, except the author, per their preference."""
    conversation = message.conversation
    accesses = DossierAccess.objects.valid_on().filter(client_id=conversation.client_id, user__is_active=True)
    users = [access.user for access in accesses.exclude(user=message.author).select_related("user")]
    preferences = dict(NotificationPreference.objects.filter(user__in=users).values_list("user_id", "channel"))
    rows = [
        Notification(
            recipient=user,
            conversation=conversation,
            kind=NotificationKind.NEW_MESSAGE,
            channel=channel,
            idempotency_key=f"message:{message.pk}:user:{user.pk}:{channel}",
        )
        for user in {user.pk: user for user in users}.values()
        for channel in preferred_channels(user, preferences)
    ]
    _create(rows)


def alert_team(conversation):
    """An e-mail to every member of the conversation's team that a message waits too long (once per wait)."""
    since = conversation.awaiting_reply_since
    rows = [
        Notification(
            recipient=member,
            conversation=conversation,
            kind=NotificationKind.OVERDUE,
            channel=Channel.EMAIL,
            idempotency_key=f"overdue:{conversation.pk}:{since:%Y%m%d%H%M%S%f}:user:{member.pk}",
        )
        for member in conversation.team.members.filter(is_active=True).exclude(email="")
    ]
    _create(rows)


def _claim(pk) -> Notification | None:
    now = timezone.now()
    claimed = Notification.objects.filter(pk=pk, status=NotificationStatus.PENDING).update(
        status=NotificationStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if not claimed:
        return None
    return Notification.objects.select_related("recipient").get(pk=pk)


def _send(notification):
    user = notification.recipient
    if notification.channel == Channel.SMS:
        number = user.sms_number()
        if not number:
            raise SmsDeliveryError(_("Geen mobiel nummer bekend."))
        send_text_message(number, new_message_sms_text())
        return
    if not user.email:
        raise OSError(_("Geen e-mailadres bekend."))
    if notification.kind == NotificationKind.OVERDUE:
        subject = overdue_subject()
        context = {"inbox_url": site_url() + reverse("conversations_admin:index")}
        body = render_to_string("conversations/email/overdue.txt", context)
    else:
        subject = _("Er is een nieuw bericht voor u in MijnDossier")
        context = {"site_url": site_url(), "organisation": current_organisation()}
        body = render_to_string("conversations/email/new_message.txt", context)
    send_mail(subject, body, None, [user.email])


def retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** max(attempts - 1, 0))


def deliver(pk) -> str:
    """Send one notification if nobody else has; on failure schedule a retry or give up after the maximum."""
    notification = _claim(pk)
    if notification is None:
        return "skipped"
    try:
        _send(notification)
    except (SmsDeliveryError, OSError) as error:
        return _failed(notification, str(error))
    Notification.objects.filter(pk=pk).update(status=NotificationStatus.SENT, sent_at=timezone.now(), last_error="")
    return NotificationStatus.SENT


def _failed(notification, error) -> str:
    logger.warning("Message notification %s failed (attempt %s)", notification.pk, notification.attempts)
    if notification.attempts >= settings.CONVERSATION_NOTIFICATION_MAX_ATTEMPTS:
        status, next_attempt = NotificationStatus.FAILED, notification.next_attempt_at
    else:
        status, next_attempt = NotificationStatus.PENDING, timezone.now() + retry_delay(notification.attempts)
    Notification.objects.filter(pk=notification.pk).update(
        status=status, last_error=error[:255], next_attempt_at=next_attempt
    )
    if status == NotificationStatus.PENDING:
        _schedule_retry(notification.pk, next_attempt)
    return status


def _schedule_retry(pk, run_after):
    """With a backend that can defer, the retry is queued now; otherwise `send_due_notifications` picks it up."""
    from .tasks import deliver_notification

    if deliver_notification.get_backend().supports_defer:
        deliver_notification.using(run_after=run_after).enqueue(pk)


def enqueue_due(now=None) -> int:
    """Queue every pending notification whose time has come, and give up on ones stuck in sending.

    A row stuck in 'sending' may or may not have reached the provider; it is
    marked failed for staff to see rather than sent again.
    """
    from .tasks import deliver_notification

    now = now or timezone.now()
    Notification.objects.filter(status=NotificationStatus.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        status=NotificationStatus.FAILED, last_error=_("Verzending onderbroken; onbekend of de melding is aangekomen.")
    )
    due = list(Notification.objects.due(now).values_list("pk", flat=True))
    for pk in due:
        deliver_notification.enqueue(pk)
    return len(due)
