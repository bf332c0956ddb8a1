"""Run daily (cron, systemd timer): end or limit parents' grants by the client's age and tell those concerned."""

from django.core.management.base import BaseCommand

from accounts.tasks import apply_access_age_rules


class Command(BaseCommand):
    help = "Pas de leeftijdsregels toe op de dossiertoegang van ouders en voogden (12 en 16 jaar)."

    def add_arguments(self, parser):
        parser.add_argument("--datum", dest="day", help="De dag als JJJJ-MM-DD (standaard vandaag).")

    def handle(self, *args, day=None, **options):
        apply_access_age_rules.enqueue(day)
        self.stdout.write("Leeftijdscontrole van de dossiertoegang in de wachtrij gezet.")
