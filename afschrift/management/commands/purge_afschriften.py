from django.core.management.base import BaseCommand

from afschrift.services import purge_expired


class Command(BaseCommand):
    help = (
        "Verwijder afschriften waarvan de beschikbaarheid voorbij is. Elk afschrift heeft ook een eigen "
        "uitgestelde verwijdertaak; dit commando (bijvoorbeeld elk uur via cron) ruimt op wat die liet liggen."
    )

    def handle(self, *args, **options):
        count = purge_expired()
        self.stdout.write(f"{count} verlopen afschrift(en) verwijderd.")
