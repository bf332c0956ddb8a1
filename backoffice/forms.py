from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.phone_numbers import PhoneNumberField
from dossier.models import Client, RelationshipType
from lib.widgets import DateInput

from .models import PortalAccount


def suggest_username(first_name: str, last_name: str) -> str:
    """First initial + last name, lower case, made unique with a number: "mdeboer", "mdeboer2"."""
    base = slugify(f"{first_name[:1]}{last_name}").replace("-", "") or "gebruiker"
    User = get_user_model()
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


class PortalAccountForm(forms.Form):
    """A new portal account together with its first dossier access."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        required=False,
        help_text=_("Leeg laten om er een te maken uit de naam (bijvoorbeeld mdeboer)."),
    )
    email = forms.EmailField(label=_("E-mailadres"), help_text=_("Hierheen gaat de welkomstmail met de inloggegevens."))
    mobile_number = PhoneNumberField(
        label=_("Mobiel nummer"),
        help_text=_("Voor de SMS-inlogcode, bijvoorbeeld 06 12345678."),
        error_messages={"invalid": _("Vul een geldig mobiel nummer in, bijvoorbeeld 06 12345678.")},
    )
    client = forms.ModelChoiceField(
        label=_("Cliënt"),
        queryset=Client.objects.none(),
        help_text=_("Het dossier waartoe dit account toegang krijgt."),
    )
    role = forms.ChoiceField(label=_("Relatie tot de cliënt"), choices=RelationshipType.choices)
    valid_from = forms.DateField(label=_("Toegang vanaf"), initial=timezone.localdate, widget=DateInput())
    valid_until = forms.DateField(
        label=_("Toegang tot en met"),
        required=False,
        help_text=_("Leeg laten als de toegang niet vooraf eindigt."),
        widget=DateInput(),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.managed_by(user)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if username and get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam is al in gebruik. Kies een andere."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if PortalAccount.objects.portal().filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "Er bestaat al een portaalaccount met dit e-mailadres. Geef dat account toegang tot dit "
                    "dossier via Dossiertoegang in plaats van een tweede account te maken."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("De einddatum ligt vóór de begindatum."))
        if not cleaned.get("username") and cleaned.get("first_name") and cleaned.get("last_name"):
            cleaned["username"] = suggest_username(cleaned["first_name"], cleaned["last_name"])
        return cleaned


class DeactivateAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, zet dit account uit"),
        error_messages={"required": _("Vink aan dat u het account wilt uitzetten.")},
    )


class IdentityCheck(models.TextChoices):
    IN_PERSON = "in_person", _("Persoonlijk, met een geldig identiteitsbewijs")
    VIDEO = "video", _("Videogesprek, met identiteitsbewijs in beeld")
    KNOWN_CONTACT = "known_contact", _("Terugbellen op het bekende telefoonnummer, met controlevragen")


class ResetSecondFactorForm(forms.Form):
    identity_checked = forms.BooleanField(
        label=_("Identiteit gecontroleerd"),
        help_text=_("Herstel de SMS-inlogcode alleen als u zeker weet met wie u spreekt."),
        error_messages={"required": _("Controleer eerst de identiteit en vink dat hier aan.")},
    )
    method = forms.ChoiceField(
        label=_("Hoe is de identiteit gecontroleerd?"),
        choices=IdentityCheck.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe u de identiteit hebt gecontroleerd.")},
    )
    mobile_number = PhoneNumberField(
        label=_("Nieuw mobiel nummer"),
        required=False,
        help_text=_("Alleen invullen als de cliënt een ander mobiel nummer heeft gekregen."),
        error_messages={"invalid": _("Vul een geldig mobiel nummer in, bijvoorbeeld 06 12345678.")},
    )


class ProcessSubmissionForm(forms.Form):
    staff_note = forms.CharField(
        label=_("Notitie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld waarom de aanvraag is afgewezen. Alleen zichtbaar voor medewerkers."),
    )

    def __init__(self, *args, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if note_required:
            self.fields["staff_note"].required = True
            self.fields["staff_note"].error_messages["required"] = _("Schrijf kort op waarom u de aanvraag afwijst.")
