"""Background jobs (django-tasks). The TASKS backend and the workers are configured in the settings."""

from django_tasks import task


@task
def deliver_notification(notification_id: int) -> str:
    from .notifications import deliver

    return deliver(notification_id)


@task
def check_overdue_conversation(conversation_id: int) -> bool:
    from .alerts import alert_if_overdue

    return alert_if_overdue(conversation_id)


@task
def alert_overdue_conversations() -> int:
    from .alerts import alert_overdue

    return alert_overdue()
