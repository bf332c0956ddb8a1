"""Run periodically (cron, systemd timer): alert teams about overdue messages and queue due notification retries."""

from django.core.management.base import BaseCommand

from conversations.notifications import enqueue_due
from conversations.tasks import alert_overdue_conversations


class Command(BaseCommand):
    help = "Waarschuw teams bij berichten die te lang wachten en verstuur meldingen die opnieuw geprobeerd worden."

    def handle(self, *args, **options):
        alert_overdue_conversations.enqueue()
        queued = enqueue_due()
        self.stdout.write(f"{queued} melding(en) opnieuw in de wachtrij gezet.")
