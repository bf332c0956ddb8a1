"""Register source systems, issue their push tokens and link clients made by staff to them.

`manage.py import_source add|token|deactivate|list NAME`, and
`manage.py import_source link NAME CLIENTNUMBER...`: a source only writes to
clients it created or that staff linked to it explicitly.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug

from dossier.models import Client
from ecd_import.models import SourceSystem


class Command(BaseCommand):
    help = "Beheer bronsystemen voor de dossierimport en hun API-tokens (het token wordt één keer getoond)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "token", "deactivate", "list", "link"])
        parser.add_argument("name", nargs="?")
        parser.add_argument(
            "client_numbers", nargs="*", help="Bij link: de cliëntnummers die dit bronsysteem voortaan bijhoudt."
        )
        parser.add_argument("--description", default="")
        parser.add_argument("--no-token", action="store_true", help="Bij add: geen API-token (alleen bestandsimport).")

    def handle(self, action, name=None, client_numbers=(), description="", no_token=False, **options):
        if action == "list":
            for system in SourceSystem.objects.all():
                state = "actief" if system.is_active else "inactief"
                token = "token" if system.token_hash else "geen token"
                self.stdout.write(f"{system.name}\t{state}\t{token}\t{system.description}")
            return
        if not name:
            raise CommandError("Geef de naam van het bronsysteem.")
        if action == "add":
            try:
                validate_slug(name)
            except ValidationError:
                raise CommandError("Gebruik alleen letters, cijfers, - en _ in de naam.") from None
            system, created = SourceSystem.objects.get_or_create(name=name, defaults={"description": description})
            if not created:
                raise CommandError(f"Bronsysteem '{name}' bestaat al; gebruik 'token' voor een nieuw token.")
            self.stdout.write(f"Bronsysteem '{name}' geregistreerd.")
            if not no_token:
                self._show(system.issue_token())
            return
        try:
            system = SourceSystem.objects.get(name=name)
        except SourceSystem.DoesNotExist:
            raise CommandError(f"Onbekend bronsysteem '{name}'.") from None
        if action == "link":
            self._link(system, client_numbers)
        elif action == "token":
            system.is_active = True
            system.save(update_fields=["is_active"])
            self._show(system.issue_token())
        else:
            system.is_active = False
            system.save(update_fields=["is_active"])
            self.stdout.write(f"Bronsysteem '{name}' kan niets meer aanleveren via de API.")

    def _link(self, system, numbers):
        """Hand clients made by staff to `system`, all or none; a client of another source stays with it."""
        if not numbers:
            raise CommandError("Geef een of meer cliëntnummers: import_source link NAAM CLIËNTNUMMER …")
        clients = {client.client_number: client for client in Client.objects.filter(client_number__in=numbers)}
        for number in numbers:
            client = clients.get(number)
            if client is None:
                raise CommandError(f"Onbekend cliëntnummer {number}; er is niets gekoppeld.")
            if client.external_source not in ("", system.name):
                raise CommandError(
                    f"Cliënt {number} wordt gevoed door bronsysteem '{client.external_source}'; er is niets gekoppeld."
                )
        Client.objects.filter(pk__in=[c.pk for c in clients.values()]).update(external_source=system.name)
        for number in numbers:
            self.stdout.write(f"Cliënt {number} wordt voortaan gevoed door bronsysteem '{system.name}'.")

    def _show(self, token):
        self.stdout.write("API-token (wordt niet bewaard en niet nog eens getoond; het vorige token werkt niet meer):")
        self.stdout.write(token)
