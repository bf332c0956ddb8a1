"""Delete access log entries older than the retention period (ACCESS_LOG_RETENTION_DAYS).

The access log is append-only: AccessLogEntry.objects refuses to delete. This
command is the one place allowed to, so it deletes through a plain
`models.QuerySet` on purpose, in batches, so a large backlog never holds one
long transaction. Run it daily from cron or a systemd timer.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone

from dossier.models import AccessLogEntry

logger = logging.getLogger("dossier.access_log")
BATCH_SIZE = 10_000


class Command(BaseCommand):
    help = "Delete access log entries older than ACCESS_LOG_RETENTION_DAYS (NEN 7513 retention)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: ACCESS_LOG_RETENTION_DAYS)."
        )

    def handle(self, *args, dry_run=False, days=None, **options):
        days = settings.ACCESS_LOG_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention must be at least 1 day.")
        cutoff = timezone.now() - timedelta(days=days)
        # A plain QuerySet: AccessLogQuerySet.delete() guards the log against
        # every other caller.
        expired = models.QuerySet(model=AccessLogEntry).filter(occurred_at__lt=cutoff)

        if dry_run:
            count = expired.count()
            self.stdout.write(f"{count} access log entries older than {cutoff:%Y-%m-%d %H:%M} would be deleted.")
            return

        deleted = 0
        while batch := list(expired.order_by().values_list("pk", flat=True)[:BATCH_SIZE]):
            with transaction.atomic():
                deleted += models.QuerySet(model=AccessLogEntry).filter(pk__in=batch).delete()[0]
        logger.info("Purged %d access log entries older than %s (retention %d days).", deleted, cutoff, days)
        self.stdout.write(f"Deleted {deleted} access log entries older than {cutoff:%Y-%m-%d %H:%M}.")
