"""Check the access log's hash chain: every entry against its own content and the entry before it."""

from django.core.management.base import BaseCommand, CommandError

from dossier.log_integrity import verify_chain


class Command(BaseCommand):
    help = "Verify the access log hash chain and report the first broken link (exit status 1 if broken)."

    def handle(self, *args, **options):
        report = verify_chain()
        if report.broken is not None:
            broken = report.broken
            raise CommandError(
                f"Access log chain broken at chain index {broken.chain_index} (entry id {broken.pk}): "
                f"{broken.reason}. {report.checked} entries before it are intact."
            )
        start = f" from chain index {report.first_index}" if report.first_index is not None else ""
        self.stdout.write(f"Access log chain intact: {report.checked} entries checked{start}.")
