"""Forms for writing messages: plain text, optional attachments checked like documents, an idempotency key."""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import NotificationChoice

MAX_BODY = 5000
MAX_ATTACHMENTS = 3
KEY_PATTERN = r"^[0-9a-f]{32}$"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def validate_attachment(file):
    """The same content and size checks as documents (lib.uploads); raster images are checked with Pillow."""
    from lib.uploads import image_content_type, validate_document_file

    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if extension in settings.WAGTAILIMAGES_EXTENSIONS:
        if file.size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
            raise ValidationError(
                _("Deze afbeelding is te groot (%(size)s). Het maximum is %(limit)s.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)}
            )
        if image_content_type(file) is None:
            raise ValidationError(_("Dit bestand is geen geldige JPEG-, PNG-, GIF- of WebP-afbeelding."))
        return
    validate_document_file(file)


def _clean_text(value: str) -> str:
    if "\x00" in value:
        raise ValidationError(_("De tekst bevat een teken dat niet is toegestaan."))
    return value.strip()


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Uw bericht"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_BODY,
        error_messages={
            "required": _("Schrijf een bericht."),
            "max_length": _("Uw bericht is te lang: ten hoogste %(limit_value)d tekens."),
        },
    )
    attachments = MultipleFileField(
        label=_("Bijlagen (niet verplicht)"),
        required=False,
        help_text=_("Ten hoogste 3 bestanden: PDF, Word, OpenDocument, tekst of een foto (JPEG, PNG)."),
    )
    key = forms.RegexField(regex=KEY_PATTERN, widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)

    def clean_body(self):
        return _clean_text(self.cleaned_data["body"])

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("U kunt ten hoogste %(max)d bijlagen meesturen.") % {"max": MAX_ATTACHMENTS})
        errors = []
        for file in files:
            try:
                validate_attachment(file)
            except ValidationError as error:
                errors.extend(f"{file.name[:80]}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return files


class StartForm(MessageForm):
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=150,
        error_messages={
            "required": _("Vul een onderwerp in."),
            "max_length": _("Het onderwerp is te lang: ten hoogste %(limit_value)d tekens."),
        },
    )
    field_order = ["subject", "body", "attachments", "key"]

    def clean_subject(self):
        return _clean_text(self.cleaned_data["subject"])


class StaffMessageForm(MessageForm):
    body = forms.CharField(
        label=_("Bericht"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_BODY,
        error_messages={
            "required": _("Schrijf een bericht."),
            "max_length": MessageForm.base_fields["body"].error_messages["max_length"],
        },
    )
    is_internal = forms.BooleanField(
        label=_("Interne notitie (de cliënt en vertegenwoordigers zien dit nooit)"), required=False
    )


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Hoe wilt u horen dat er een nieuw bericht is?"),
        choices=NotificationChoice.choices,
        widget=forms.RadioSelect,
        help_text=_("De melding zegt alleen dat er een bericht is, nooit wat erin staat."),
        error_messages={
            "required": _("Kies hoe u een melding wilt krijgen."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
