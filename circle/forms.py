from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.forms import SmsCodeField
from accounts.phone_numbers import PhoneNumberField
from accounts.usernames import NormalisedUsernameField
from dossier.relationships import CIRCLE_TYPES, RelationshipType, Scope
from lib.idempotency import KeyedFormMixin

CIRCLE_TYPE_CHOICES = [(kind, label) for kind, label in RelationshipType.choices if kind in CIRCLE_TYPES]


def scope_choices(scopes):
    return [(scope, label) for scope, label in Scope.choices if scope in scopes]


class InviteForm(KeyedFormMixin, forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    mobile_number = PhoneNumberField(
        label=_("Mobiel nummer"),
        help_text=_("Hierop krijgt deze persoon een code om de uitnodiging te activeren, bijv. 06 12345678."),
        error_messages={"invalid": _("Vul een geldig mobiel nummer in, bijvoorbeeld 06 12345678.")},
    )
    relationship = forms.ChoiceField(label=_("Wie is deze persoon voor u?"), choices=CIRCLE_TYPE_CHOICES)
    scopes = forms.MultipleChoiceField(
        label=_("Wat mag deze persoon zien of doen?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Deze toegang kunt u niet geven: %(value)s.")},
    )

    def __init__(self, *args, allowed=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scope_choices(allowed)
        self.fields["scopes"].error_messages["required"] = _("Kies ten minste één onderdeel.")

    def clean_mobile_number(self):
        number = self.cleaned_data["mobile_number"]
        return number.as_e164


class NarrowForm(KeyedFormMixin, forms.Form):
    scopes = forms.MultipleChoiceField(
        label=_("Wat mag deze persoon nog zien of doen?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Deze toegang kunt u niet geven: %(value)s.")},
    )

    def __init__(self, *args, current=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scope_choices(current)
        if not self.is_bound:
            self.initial["scopes"] = list(current)


class ActivationCodeForm(forms.Form):
    code = SmsCodeField()


class NewAccountForm(forms.Form):
    """The invited person's own login: a username of their choice and a password by the project's rules."""

    username = NormalisedUsernameField(label=_("Kies een gebruikersnaam"), max_length=150)
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nogmaals"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Deze gebruikersnaam is al in gebruik. Kies een andere."))
        get_user_model().username_validator(username)
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif first:
            invitation = self.invitation
            candidate = get_user_model()(
                username=cleaned.get("username") or "",
                first_name=invitation.first_name,
                last_name=invitation.last_name,
                email=invitation.email,
            )
            try:
                password_validation.validate_password(first, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def password_rules(self):
        return [rule for rule in password_validation.password_validators_help_texts() if rule]
