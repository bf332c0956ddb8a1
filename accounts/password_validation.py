"""Password rules after NIST 800-63B / OWASP ASVS, with the manual's composition rule as an option."""

import re

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule with a Dutch message: Django 5.2's Dutch catalogue lacks its current wording."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik ten minste %(min)d teken.",
            "Dit wachtwoord is te kort. Gebruik ten minste %(min)d tekens.",
            self.min_length,
        ) % {"min": self.min_length}


class MaximumLengthValidator:
    """Allow long passphrases (at least 64 characters) but refuse absurd input."""

    def __init__(self, max_length=128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                _("Het wachtwoord mag niet langer zijn dan %(max)d tekens.") % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self):
        return _("Uw wachtwoord mag tot %(max)d tekens lang zijn; een zin van losse woorden is sterk.") % {
            "max": self.max_length
        }


class CompositionValidator:
    """Upper case, lower case and a non-letter; only when PASSWORD_REQUIRE_COMPOSITION is on."""

    def validate(self, password, user=None):
        if not settings.PASSWORD_REQUIRE_COMPOSITION:
            return
        if not (re.search(r"[a-z]", password) and re.search(r"[A-Z]", password) and re.search(r"[^A-Za-z]", password)):
            raise ValidationError(
                _("Het wachtwoord moet hoofdletters, kleine letters en een cijfer of leesteken bevatten."),
                code="password_composition",
            )

    def get_help_text(self):
        if not settings.PASSWORD_REQUIRE_COMPOSITION:
            return ""
        return _("Gebruik hoofdletters, kleine letters en ten minste één cijfer of leesteken.")
