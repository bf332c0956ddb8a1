"""Delete access log entries older than the retention period (ACCESS_LOG_RETENTION_DAYS).

The access log is append-only: AccessLogEntry.objects refuses to delete, and on
PostgreSQL so does the database. This command is the one place allowed to: it
deletes through `log_integrity.purging()`, in batches, so a large backlog never
holds one long transaction. The retention never goes below the legal floor of
five years (RETENTION_FLOOR_DAYS), whatever the setting or flag; on PostgreSQL
the trigger enforces that floor as well. Each purge is itself logged. Run it
daily from cron or a systemd timer.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dossier.log_integrity import RETENTION_FLOOR_DAYS, purging
from dossier.models import AccessAction, AccessLogEntry, AccessPurpose, ObjectType

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
        if days < RETENTION_FLOOR_DAYS:
            raise CommandError(
                f"The retention must be at least {RETENTION_FLOOR_DAYS} days (5 years, NEN 7513); {days} was given."
            )
        cutoff = timezone.now() - timedelta(days=days)
        expired = AccessLogEntry.objects.filter(occurred_at__lt=cutoff)

        if dry_run:
            count = expired.count()
            self.stdout.write(f"{count} access log entries older than {cutoff:%Y-%m-%d %H:%M} would be deleted.")
            return

        deleted = 0
        while batch := list(expired.order_by().values_list("pk", flat=True)[:BATCH_SIZE]):
            with purging() as rows:
                deleted += rows.filter(pk__in=batch).delete()[0]
        first = AccessLogEntry.objects.in_chain_order().values_list("chain_index", "prev_hash").first()
        AccessLogEntry.objects.create(
            action=AccessAction.PURGE,
            object_type=ObjectType.ACCESS_LOG,
            purpose=AccessPurpose.ADMINISTRATION,
            authorisation_basis=f"retention:{days}d",
            source_system=settings.ACCESS_LOG_SOURCE_SYSTEM,
            user_display="purge_access_log",
            detail=(
                f"{deleted} regels van voor {cutoff:%Y-%m-%d %H:%M} verwijderd; de keten begint bij "
                f"volgnummer {first[0] if first else '-'} (vorige hash {first[1] if first else '-'})"
            )[:255],
        )
        logger.info("Purged %d access log entries older than %s (retention %d days).", deleted, cutoff, days)
        self.stdout.write(f"Deleted {deleted} access log entries older than {cutoff:%Y-%m-%d %H:%M}.")
