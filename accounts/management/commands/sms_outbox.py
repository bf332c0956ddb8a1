from django.core.management.base import BaseCommand
from django.utils import timezone
from phonenumber_field.phonenumber import PhoneNumber
from phonenumbers import NumberParseException

from accounts.models import SmsOutboxMessage


class Command(BaseCommand):
    help = "Print the latest SMS messages of the development gateway (newest first)."

    def add_arguments(self, parser):
        parser.add_argument("--number", help="Only messages to this number, e.g. +31600000001 or 0600000001")
        parser.add_argument("--limit", type=int, default=10, help="How many messages (default 10)")

    def handle(self, *args, number=None, limit=10, **options):
        messages = SmsOutboxMessage.objects.all()
        if number:
            try:
                parsed = PhoneNumber.from_string(number)
                number = parsed.as_e164
            except NumberParseException:
                pass
            messages = messages.filter(number=number)
        messages = list(messages[: max(limit, 0)])
        if not messages:
            self.stdout.write("Geen SMS-berichten in de outbox.")
            return
        for message in messages:
            when = timezone.localtime(message.created_at).strftime("%d-%m-%Y %H:%M:%S")
            self.stdout.write(f"{when}  {message.number}  {message.text}")
