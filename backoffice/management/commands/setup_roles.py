from django.core.management.base import BaseCommand

from backoffice.roles import setup_roles


class Command(BaseCommand):
    help = "Create or complete the staff groups, their permissions and the terms approval workflow. Idempotent."

    def handle(self, *args, **options):
        groups = setup_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(groups)}."))
