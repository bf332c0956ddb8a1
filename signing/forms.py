from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import SmsCodeField
from lib.idempotency import KeyedFormMixin

from .services import MAX_COMMENT_LENGTH


class AgreeForm(forms.Form):
    agree = forms.BooleanField(
        label=_("Ik heb het cliëntplan gelezen en ga akkoord"),
        error_messages={"required": _("Vink aan dat u het cliëntplan heeft gelezen en akkoord gaat.")},
    )


class SignForm(KeyedFormMixin, AgreeForm):
    code = SmsCodeField(required_message=_("Vul de SMS-code in die u zojuist heeft ontvangen."))


class DeclineForm(KeyedFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Waarom gaat u niet akkoord?"),
        help_text=_("Uw zorgteam leest dit en neemt contact met u op."),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Schrijf kort op waarom u niet akkoord gaat."),
            "max_length": _("Uw toelichting is te lang (maximaal %(limit_value)d tekens)."),
        },
    )
