from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm
from two_factor.utils import default_device

from home.organisation import current_organisation
from lib.idempotency import KeyedFormMixin

from . import code_lockout
from .challenges import LOGIN, VERIFY_MOBILE, verify_sms_challenge
from .phone_numbers import PhoneNumberField
from .usernames import NormalisedUsernameField


class PortalAuthenticationForm(AuthenticationForm):
    """Step 1 of the login: username + password, with Dutch messages.

    Unknown user, wrong password and deactivated account give the same message.
    """

    error_messages = {
        "invalid_login": _("De gebruikersnaam of het wachtwoord is niet juist. Let op hoofdletters en kleine letters."),
        "inactive": _("De gebruikersnaam of het wachtwoord is niet juist. Let op hoofdletters en kleine letters."),
    }

    username = NormalisedUsernameField(widget=forms.TextInput(attrs={"autofocus": True}))

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        contact = current_organisation(self.request).contact_sentence
        if user.one_time_password_expired:
            raise ValidationError(
                _("Uw eenmalige wachtwoord is verlopen. %(contact)s") % {"contact": contact},
                code="one_time_password_expired",
            )
        if default_device(user) is None:
            raise ValidationError(
                _("Voor uw account is nog geen SMS-inlogcode ingesteld. %(contact)s") % {"contact": contact},
                code="no_device",
            )


DUTCH_OTP_ERRORS = {
    "token_required": _("Vul de code in."),
    "challenge_exception": _("De code kon niet worden aangemaakt. Probeer het opnieuw."),
    "not_interactive": _("Voor dit apparaat hoeft u geen code aan te vragen."),
    "challenge_message": _("{0}"),
    "invalid_token": _("Deze code klopt niet. Controleer de code en probeer het opnieuw."),
    "n_failed_attempts": _(
        "Na %(failure_count)d verkeerde codes kunt u het even niet opnieuw proberen. Wacht een minuut en probeer het "
        "dan opnieuw."
    ),
    "verification_not_allowed": _("Controleren van de code kan nu even niet. Probeer het later opnieuw."),
    "device_required": _("Kies een apparaat."),
}


# WCAG 2.2 SC 3.3.8: every code field can be filled by paste or the phone's autofill.
ONE_TIME_CODE_ATTRS = {"inputmode": "numeric", "autocomplete": "one-time-code"}
SIX_DIGITS = _("De code bestaat uit 6 cijfers.")
APP_CODE_LABEL = _("Code uit de app (6 cijfers)")
SMS_CODE_LABEL = _("SMS-code (6 cijfers)")


class SmsCodeField(forms.RegexField):
    """The six digits of an SMS code; the whole code as the SMS shows it ("5913-482913") is accepted too.

    Every form that asks for an SMS code uses this field, so the login, the confirmation of a change, a new
    mobile number and signing accept the same input with the same messages. Cleans to the six digits.
    """

    def __init__(self, *, label=SMS_CODE_LABEL, required_message=None, **kwargs):
        error_messages = {"invalid": SIX_DIGITS}
        if required_message:
            error_messages["required"] = required_message
        super().__init__(
            regex=r"^(\d{4}\s*-\s*)?\d{6}$",
            strip=True,
            label=label,
            error_messages=error_messages,
            widget=forms.TextInput(attrs={**ONE_TIME_CODE_ATTRS, "maxlength": 11}),
            **kwargs,
        )

    def clean(self, value):
        code = super().clean(value)
        return code[-6:] if code else code


class AppCodeForm(AuthenticationTokenForm):
    """The authenticator-app step of the login, with Dutch messages and a numeric keyboard on phones."""

    otp_error_messages = DUTCH_OTP_ERRORS

    def __init__(self, user, initial_device, **kwargs):
        super().__init__(user, initial_device, **kwargs)
        self.fields["otp_token"].label = APP_CODE_LABEL
        self.fields["otp_token"].widget.attrs.update(ONE_TIME_CODE_ATTRS)
        self.fields["otp_token"].error_messages.update(
            {
                "required": _("Vul de code uit de app in."),
                "invalid": SIX_DIGITS,
                "min_length": SIX_DIGITS,
                "max_length": SIX_DIGITS,
            }
        )


class RecoveryCodeForm(BackupTokenForm):
    """The backup-code step of the login, with Dutch messages. Recovery codes contain letters, so no numeric
    keyboard; autofill and paste still work."""

    otp_error_messages = DUTCH_OTP_ERRORS

    def __init__(self, user, initial_device, **kwargs):
        super().__init__(user, initial_device, **kwargs)
        self.fields["otp_token"].label = _("Herstelcode")
        self.fields["otp_token"].widget.attrs.update({"autocomplete": "one-time-code"})
        self.fields["otp_token"].error_messages.update({"required": _("Vul een herstelcode in.")})


class SmsCodeForm(forms.Form):
    """Step 2 of the login with the SMS device: the six digits after the prefix."""

    otp_token = SmsCodeField(
        label=_("SMS-inlogcode (6 cijfers)"), required_message=_("Vul de 6 cijfers van de SMS-inlogcode in.")
    )
    # Checking marks the code as used, so the wizard must not check it twice.
    idempotent = False
    use_required_attribute = False

    def __init__(self, user, initial_device, attempt="", **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.initial_device = initial_device
        self.attempt = attempt

    def clean(self):
        token = self.cleaned_data.get("otp_token")
        if token is None or self.user is None:
            return self.cleaned_data
        if code_lockout.active_block(self.user) is not None:
            raise ValidationError(code_lockout.blocked_message())
        if not self.attempt:
            raise ValidationError(_("Vraag eerst een SMS-code aan."))
        result = verify_sms_challenge(self.user, LOGIN, token.strip(), attempt=self.attempt)
        if not result.ok:
            if code_lockout.block_if_over_limit(self.user) is not None:
                raise ValidationError(code_lockout.blocked_message())
            raise ValidationError(result.error)
        self.user.otp_device = self.initial_device
        return self.cleaned_data


class PasswordRulesMixin:
    def password_rules(self):
        return [rule for rule in password_validation.password_validators_help_texts() if rule]


class FirstPasswordForm(KeyedFormMixin, PasswordRulesMixin, SetPasswordForm):
    """Replace the one-time password; the user just proved it with the SMS step."""

    error_messages = {"password_mismatch": _("De twee wachtwoorden zijn niet gelijk.")}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password1"].help_text = ""
        self.fields["new_password2"].label = _("Nieuw wachtwoord nogmaals")

    def clean(self):
        cleaned_data = super().clean()
        password = cleaned_data.get("new_password1")
        if password and self.user.password_change_required and self.user.check_password(password):
            self.add_error("new_password1", _("Kies een ander wachtwoord dan het eenmalige wachtwoord."))
        return cleaned_data

    def save(self, commit=True):
        self.user.password_change_required = False
        self.user.one_time_password_expires_at = None
        return super().save(commit)


class PortalPasswordChangeForm(KeyedFormMixin, PasswordRulesMixin, PasswordChangeForm):
    error_messages = {
        "password_mismatch": _("De twee wachtwoorden zijn niet gelijk."),
        "password_incorrect": _("Uw huidige wachtwoord is niet juist."),
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = _("Huidig wachtwoord")
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password1"].help_text = ""
        self.fields["new_password2"].label = _("Nieuw wachtwoord nogmaals")


class PortalSetPasswordForm(FirstPasswordForm):
    """After a reset link: a new password; the next login still asks for the SMS code."""


class PortalPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class ReauthForm(forms.Form):
    """Confirm a sensitive change: password plus a fresh SMS code."""

    password = forms.CharField(
        label=_("Uw wachtwoord"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    code = SmsCodeField()

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Uw wachtwoord is niet juist."))
        return password

    def clean(self):
        from .challenges import CONFIRM

        code = self.cleaned_data.get("code")
        if code and "password" in self.cleaned_data:
            result = verify_sms_challenge(self.user, CONFIRM, code.strip())
            if not result.ok:
                self.add_error("code", result.error)
        return self.cleaned_data


class ContactDetailsForm(KeyedFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    mobile_number = PhoneNumberField(
        label=_("Mobiel nummer"),
        help_text=_(
            "Bijvoorbeeld 06 12345678. Hierop ontvangt u de SMS-inlogcode. "
            "Een nieuw nummer bevestigt u eerst met een SMS-code die we naar dat nummer sturen."
        ),
        error_messages={"invalid": _("Vul een geldig mobiel nummer in, bijvoorbeeld 06 12345678.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class MobileNumberCodeForm(forms.Form):
    """The six digits sent to a new mobile number; only the code of this change counts."""

    code = SmsCodeField(required_message=_("Vul de 6 cijfers van de SMS-code in."))

    def __init__(self, user, challenge_id, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.challenge_id = challenge_id

    def clean_code(self):
        result = verify_sms_challenge(self.user, VERIFY_MOBILE, self.cleaned_data["code"].strip())
        if not result.ok:
            raise ValidationError(result.error)
        if result.challenge.pk != self.challenge_id:
            # A newer code for another number (e.g. from a second browser) must not confirm this one.
            raise ValidationError(_("Deze code hoort bij een ander nummer. Vraag een nieuwe code aan."))
        return self.cleaned_data["code"]
