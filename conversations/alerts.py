"""Warning the team when a client's message has waited longer than the response time.

The response time is CONVERSATION_RESPONSE_WORKING_DAYS working days (Monday to
Friday; public holidays are not taken into account); time in the weekend does
not count. When a client's message starts an unanswered period, a check is
enqueued deferred to the moment the answer becomes due (`reply_due`); it alerts
once and does nothing if the team answered or closed the conversation meanwhile.
`manage.py conversation_jobs` runs the same check over every conversation, as a
safety net for a lost task or a task backend that cannot defer.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Conversation
from .notifications import alert_team

SATURDAY = 5


def _midnight(moment):
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def working_days_before(moment, days: int):
    """The moment `days` working days (Mon–Fri) before `moment`; a weekend moment counts from Friday's end."""
    result = moment
    if result.weekday() >= SATURDAY:
        result = _midnight(result - timedelta(days=result.weekday() - SATURDAY))
    while days > 0:
        result -= timedelta(days=1)
        if result.weekday() < SATURDAY:
            days -= 1
    return result


def working_days_after(moment, days: int):
    """The moment `days` working days after `moment`; a weekend moment counts from Monday's start."""
    result = moment
    if result.weekday() >= SATURDAY:
        result = _midnight(result + timedelta(days=7 - result.weekday()))
    while days > 0:
        result += timedelta(days=1)
        if result.weekday() < SATURDAY:
            days -= 1
    return result


def reply_due(since):
    """When the answer to a client's message sent at `since` becomes overdue."""
    return working_days_after(timezone.localtime(since), settings.CONVERSATION_RESPONSE_WORKING_DAYS)


def overdue(now=None):
    now = now or timezone.localtime()
    cutoff = working_days_before(timezone.localtime(now), settings.CONVERSATION_RESPONSE_WORKING_DAYS)
    return Conversation.objects.awaiting_reply_before(cutoff).filter(alerted_at__isnull=True)


def alert_if_overdue(conversation_id: int, now=None) -> bool:
    """Alert the team if this conversation is overdue and nobody has yet; True if this call alerted.

    The conditional UPDATE claims the alert, so a job that runs twice, or runs
    beside the safety net, alerts once per unanswered period.
    """
    with transaction.atomic():
        claimed = overdue(now).filter(pk=conversation_id).update(alerted_at=timezone.now())
        if claimed:
            alert_team(Conversation.objects.select_related("team").get(pk=conversation_id))
    return bool(claimed)


def alert_overdue(now=None) -> int:
    """Alert each overdue conversation's team once per unanswered period; returns how many were alerted."""
    return sum(alert_if_overdue(pk, now) for pk in overdue(now).values_list("pk", flat=True))


def schedule_check(conversation_id: int, since) -> None:
    """Enqueue the overdue check for the period that began at `since`, deferred to its due moment.

    A backend that cannot defer (the immediate one) would run it at once, when
    it can only find nothing; then the safety net command does the work.
    """
    from .tasks import check_overdue_conversation

    if check_overdue_conversation.get_backend().supports_defer:
        check_overdue_conversation.using(run_after=reply_due(since)).enqueue(conversation_id)
