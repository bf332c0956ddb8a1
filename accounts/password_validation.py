"""Password rules after NIST 800-63B / OWASP ASVS, with the manual's composition rule as an option."""

import re
import unicodedata
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.organisation import current_organisation


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


DUTCH_LIST = Path(__file__).resolve().parent / "data" / "common-passwords-nl.txt"
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i"}
)
MIN_WORD_LENGTH = 3


def _letters(text):
    """Lower case, without accents, letters only: 'Sanne-Visser-1' -> 'sannevisser'."""
    text = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(ch for ch in text if "a" <= ch <= "z")


def _spellings(password):
    """The password as letters only, also with digits read as letters (w4chtw00rd -> wachtwoord)."""
    return {_letters(password), _letters(str(password).lower().translate(LEET))}


@cache
def _common_passwords():
    words = {line.strip() for line in DUTCH_LIST.read_text(encoding="utf-8").splitlines()}
    words |= password_validation.CommonPasswordValidator().passwords
    return frozenset(_letters(word) for word in words if word and not word.startswith("#"))


class CommonPasswordValidator:
    """Refuse a common or breached password, Dutch ones included, also with digits or signs around it.

    Django's list of 20,000 plus our Dutch list (accounts/data/common-passwords-nl.txt); no network call.
    """

    def validate(self, password, user=None):
        stripped = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", str(password).lower())
        candidates = {str(password).lower().strip(), stripped, *_spellings(stripped)}
        if any(candidate in _common_passwords() for candidate in candidates if candidate):
            raise ValidationError(
                _("Dit wachtwoord wordt te veel gebruikt en is makkelijk te raden. Kies een ander wachtwoord."),
                code="password_too_common",
            )

    def get_help_text(self):
        return _("Uw wachtwoord mag geen veelgebruikt wachtwoord zijn, zoals 'wachtwoord123'.")


class PersonalInformationValidator:
    """Refuse a password built from the user's own names, username or e-mail, or the portal's name."""

    def user_words(self, user):
        organisation = current_organisation()
        words = [*settings.PASSWORD_FORBIDDEN_WORDS, organisation.name, organisation.short_name]
        if user is not None:
            email = getattr(user, "email", "") or ""
            local, _at, domain = email.partition("@")
            words += [
                getattr(user, "first_name", ""),
                getattr(user, "last_name", ""),
                user.get_username() if hasattr(user, "get_username") else "",
                local,
                domain.split(".")[0],
            ]
            words += re.split(r"[\s._+-]+", " ".join(str(word) for word in words))
        return {_letters(word) for word in words if len(_letters(word)) >= MIN_WORD_LENGTH}

    def validate(self, password, user=None):
        """Refuse when what is left without those words is shorter than the minimum length.

        So 'Sanne-Visser-1' is refused, but a long passphrase that happens to
        contain 'linde' or a first name is as strong as its other words.
        """
        words = sorted(self.user_words(user), key=len, reverse=True)
        for spelling in _spellings(password):
            rest = spelling
            for word in words:
                rest = rest.replace(word, "")
            if rest != spelling and len(password) - (len(spelling) - len(rest)) < settings.PASSWORD_MIN_LENGTH:
                raise ValidationError(
                    _(
                        "Het wachtwoord lijkt te veel op uw naam, gebruikersnaam of e-mailadres, of op de naam van "
                        "MijnDossier of uw zorgorganisatie. Kies een wachtwoord dat daar niets mee te maken heeft."
                    ),
                    code="password_personal_information",
                )

    def get_help_text(self):
        return _("Uw wachtwoord mag niet vooral uit uw naam, gebruikersnaam of e-mailadres bestaan.")
