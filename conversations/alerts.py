"""Warning the team when a client's message has waited longer than the response time.

The response time is CONVERSATION_RESPONSE_WORKING_DAYS working days (Monday to
Friday; public holidays are not taken into account).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Conversation
from .notifications import alert_team


def working_days_before(moment, days: int):
    """The moment `days` working days (Mon–Fri) before `moment`."""
    result = moment
    while days > 0:
        result -= timedelta(days=1)
        if result.weekday() < 5:
            days -= 1
    return result


def overdue(now=None):
    now = now or timezone.localtime()
    cutoff = working_days_before(timezone.localtime(now), settings.CONVERSATION_RESPONSE_WORKING_DAYS)
    return Conversation.objects.awaiting_reply_before(cutoff).filter(alerted_at__isnull=True)


def alert_overdue(now=None) -> int:
    """Alert each overdue conversation's team once per unanswered period; returns how many were alerted."""
    count = 0
    for conversation in overdue(now).select_related("team"):
        with transaction.atomic():
            marked = Conversation.objects.filter(pk=conversation.pk, alerted_at__isnull=True).update(
                alerted_at=timezone.now()
            )
            if marked:
                alert_team(conversation)
                count += 1
    return count
