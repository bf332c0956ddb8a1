"""Build the complete demo site for the fictional care organisation Zorggroep De Linde.

Idempotent: every loader looks records up by a natural key before creating
them, so running the command twice changes nothing. Development only: the
demo accounts have published passwords (see README).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import loaders


class Command(BaseCommand):
    help = "Load the demo site (public pages, accounts, dossiers). Idempotent; development only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even when DEBUG is off (never on a real site).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"] and not getattr(settings, "TESTING", False):
            raise CommandError("load_demo creates accounts with public passwords; refusing with DEBUG off.")
        with transaction.atomic():
            for loader in loaders.ALL:
                loader(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo site loaded."))
