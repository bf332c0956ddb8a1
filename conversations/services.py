"""State changes of conversations: starting, writing, reading, assigning, closing.

Writing is idempotent per (author, key): the form carries a key, so a POST the
browser retries is stored once and answered with the message already stored.
Notifications are created in the same transaction and sent after commit.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Attachment, Conversation, ConversationStatus, Message, ReadReceipt


@dataclass
class Posted:
    message: Message
    created: bool


def author_name(user) -> str:
    return user.get_full_name() or user.username


def _existing(author, key) -> Message | None:
    if not key:
        return None
    return Message.objects.filter(author=author, idempotency_key=key).select_related("conversation").first()


def _store(conversation, author, body, key, files, *, from_care_team, is_internal) -> Message:
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        author=author,
        author_name=author_name(author),
        from_care_team=from_care_team,
        body=body,
        is_internal=is_internal,
        idempotency_key=key or "",
        created_at=now,
    )
    for upload in files:
        Attachment.objects.create(message=message, file=upload, original_name=upload.name[-150:], size=upload.size)
    changes = {"last_message_at": now}
    if not is_internal:
        if from_care_team:
            changes |= {"awaiting_reply_since": None, "alerted_at": None}
        elif conversation.awaiting_reply_since is None:
            changes["awaiting_reply_since"] = now
            _schedule_overdue_check(conversation.pk, now)
    Conversation.objects.filter(pk=conversation.pk).update(**changes)
    for field, value in changes.items():
        setattr(conversation, field, value)
    if not is_internal:
        from . import notifications

        notifications.notify_new_message(message)
    return message


def _schedule_overdue_check(conversation_id, since):
    from . import alerts

    transaction.on_commit(lambda: alerts.schedule_check(conversation_id, since))


def _idempotent(author, key, write) -> Posted:
    found = _existing(author, key)
    if found is not None:
        return Posted(found, created=False)
    try:
        with transaction.atomic():
            return Posted(write(), created=True)
    except IntegrityError:
        found = _existing(author, key)
        if found is None:
            raise
        return Posted(found, created=False)


def start_conversation(client, author, subject, body, *, key="", files=()) -> Posted:
    """A portal user starts a conversation with the care team of `client` (the client's team)."""

    def write():
        conversation = Conversation.objects.create(
            client=client, team_id=client.team_id, subject=subject, started_by=author
        )
        return _store(conversation, author, body, key, files, from_care_team=False, is_internal=False)

    return _idempotent(author, key, write)


class ConversationClosed(Exception):
    pass


def reply(conversation, author, body, *, key="", files=(), from_care_team=False, is_internal=False) -> Posted:
    """A message in an existing conversation. Portal users cannot write in a closed conversation."""

    def write():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not from_care_team and not locked.is_open:
            raise ConversationClosed
        return _store(locked, author, body, key, files, from_care_team=from_care_team, is_internal=is_internal)

    return _idempotent(author, key, write)


def mark_read(conversation, user):
    ReadReceipt.objects.update_or_create(
        conversation=conversation, user=user, defaults={"last_read_at": timezone.now()}
    )


def assign(conversation, staff_member):
    Conversation.objects.filter(pk=conversation.pk).update(assigned_to=staff_member)
    conversation.assigned_to = staff_member


def set_status(conversation, status):
    """Close or reopen; a reopened conversation whose client still waits gets its overdue check again."""
    closed_at = timezone.now() if status == ConversationStatus.CLOSED else None
    with transaction.atomic():
        Conversation.objects.filter(pk=conversation.pk).update(status=status, closed_at=closed_at)
        conversation.status, conversation.closed_at = status, closed_at
        if conversation.is_open and conversation.awaiting_reply_since and conversation.alerted_at is None:
            _schedule_overdue_check(conversation.pk, conversation.awaiting_reply_since)
