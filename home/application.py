"""The application form for portal access (aanvraagformulier), on Wagtail's form builder.

Editors compose the fields in the admin; two field types are ours: a mobile
number (validated with phonenumbers, stored as E.164) and a date of birth. A
honeypot field keeps simple bots out: a filled-in honeypot "succeeds" without
storing or mailing anything.
"""

from datetime import date

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from lib import idempotency
from lib.widgets import DateInput

from .organisation import staff_notification_emails

HONEYPOT_FIELD = "website"
IDEMPOTENCY_FORM = "application-form"
# process_form_submission's answer to a retry of a submission that was stored before.
ALREADY_RECEIVED = object()

APPLICATION_FIELD_CHOICES = FORM_FIELD_CHOICES + (
    ("mobile", _("Mobiel telefoonnummer")),
    ("birthdate", _("Geboortedatum")),
)


class MobileNumberField(forms.CharField):
    """A mobile number in national (06 12345678) or international (+31 6 12345678) form, cleaned to E.164."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
    default_error_messages = {
        "invalid": _("Vul een geldig mobiel nummer in, bijvoorbeeld 06 12345678 of +31 6 12345678."),
        "not_mobile": _("Dit is geen mobiel nummer. Wij sturen de inlogcode per SMS, dus vul een mobiel nummer in."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            number = phonenumbers.parse(value, settings.PHONENUMBER_DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not phonenumbers.is_valid_number(number):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        mobile_types = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
        if phonenumbers.number_type(number) not in mobile_types:
            raise ValidationError(self.error_messages["not_mobile"], code="not_mobile")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class DateOfBirthField(forms.DateField):
    widget = DateInput(attrs={"autocomplete": "bday"})
    default_error_messages = {
        "invalid": _("Vul een geldige datum in, bijvoorbeeld 17-05-1950."),
        "future": _("Een geboortedatum kan niet in de toekomst liggen."),
        "too_old": _("Controleer het jaar van de geboortedatum."),
    }

    def validate(self, value):
        super().validate(value)
        if value and value > date.today():
            raise ValidationError(self.error_messages["future"], code="future")
        if value and value.year < 1900:
            raise ValidationError(self.error_messages["too_old"], code="too_old")


class ApplicationFormBuilder(FormBuilder):
    def create_mobile_field(self, field, options):
        return MobileNumberField(**options)

    def create_birthdate_field(self, field, options):
        return DateOfBirthField(**options)

    def create_email_field(self, field, options):
        options.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        return super().create_email_field(field, options)

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Laat dit veld leeg"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        fields[idempotency.FIELD_NAME] = idempotency.KeyField()
        return fields


class ApplicationFormField(AbstractFormField):
    page = ParentalKey("home.ApplicationFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("soort veld"), max_length=16, choices=APPLICATION_FIELD_CHOICES)

    class Meta(AbstractFormField.Meta):
        verbose_name = _("formulierveld")
        verbose_name_plural = _("formuliervelden")


class SubmissionStatus(models.TextChoices):
    NEW = "new", _("nieuw")
    PROCESSED = "processed", _("verwerkt")
    REJECTED = "rejected", _("afgewezen")


class ApplicationSubmission(AbstractFormSubmission):
    """A submitted application; staff process it (the backoffice issue builds that screen)."""

    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.NEW, db_index=True
    )
    processed_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="processed_applications",
        verbose_name=_("verwerkt door"),
    )
    staff_note = models.TextField(_("notitie medewerker"), blank=True)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-submit_time"]


class ApplicationFormPage(AbstractEmailForm):
    """The application form (Registratie cliëntportaaltoegang)."""

    def get_submissions_list_view_class(self):
        from .submission_exports import FormulaSafeSubmissionsListView

        return FormulaSafeSubmissionsListView

    intro = RichTextField(
        _("inleiding"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Uitleg boven het formulier: wie het invult en wat er daarna gebeurt."),
    )
    thank_you_text = RichTextField(
        _("bedanktekst"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Tekst na het verzenden, bijvoorbeeld hoe lang de behandeling duurt."),
    )

    form_builder = ApplicationFormBuilder
    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("formuliervelden")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("e-mail aan medewerkers"),
        ),
    ]
    search_fields = AbstractEmailForm.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = []
    template = "pages/application_form_page.html"
    landing_page_template = "pages/application_form_page_landing.html"

    class Meta:
        verbose_name = _("aanvraagformulier")
        verbose_name_plural = _("aanvraagformulieren")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        return context

    def get_submission_class(self):
        return ApplicationSubmission

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if not form.is_bound:
            form.initial[idempotency.FIELD_NAME] = idempotency.new_key()
        return form

    def process_form_submission(self, form):
        """Store the application once per key; the staff e-mail goes after the commit."""
        key = form.cleaned_data.pop(idempotency.FIELD_NAME, "")
        if form.cleaned_data.pop(HONEYPOT_FIELD, ""):
            return None
        with transaction.atomic():
            if not idempotency.claim(IDEMPOTENCY_FORM, None, key):
                return ALREADY_RECEIVED
            submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        self.send_mail(form)
        return submission

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if form_submission is ALREADY_RECEIVED:
            response = super().render_landing_page(request, None, *args, **kwargs)
            response.context_data["already_received"] = idempotency.ALREADY_RECEIVED
            return response
        return super().render_landing_page(request, form_submission, *args, **kwargs)

    def notification_addresses(self):
        if self.to_address:
            return [address.strip() for address in self.to_address.split(",") if address.strip()]
        return staff_notification_emails()

    def send_mail(self, form):
        addresses = self.notification_addresses()
        if addresses:
            send_mail(
                self.subject or _("Nieuwe aanvraag voor MijnDossier"),
                self.render_email(form),
                self.from_address or settings.DEFAULT_FROM_EMAIL,
                addresses,
            )

    def render_email(self, form):
        """Only who applied and where to read it: the details stay in the admin, not in mailboxes."""
        name_field = next((f for f in self.get_form_fields() if f.field_type == "singleline"), None)
        name = form.cleaned_data.get(name_field.clean_name, "") if name_field else ""
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailforms:list_submissions", args=[self.pk])
        return _(
            "Er is een nieuwe aanvraag voor toegang tot MijnDossier binnengekomen.\n\n"
            "Naam: %(name)s\n\nBekijk en verwerk de aanvraag in het beheer:\n%(url)s\n"
        ) % {"name": name or "-", "url": url}
