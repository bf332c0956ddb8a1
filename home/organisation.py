"""Who runs this portal: the care organisation's name, contact details and logo, per Wagtail site.

Nothing in the code or the templates names an organisation; everything that
shows one (pages, PDFs, SMS, e-mails, login messages) reads it here. Code with a
request asks for that request's site (cached on the request, shared with the
templates' `settings` context processor); code without one (background tasks,
SMS, e-mails sent after commit, PDFs) gets the default site's. An empty field
shows a neutral text instead.
"""

import base64
import mimetypes

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from lib import lookup_cache

LOGO_RENDITION = "max-600x200"


def neutral_name() -> str:
    return gettext("de zorgorganisatie")


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """The care organisation's name, contact details and logo: the site header and footer, PDFs, SMS and e-mails."""

    name = models.CharField(
        _("naam organisatie"),
        max_length=150,
        blank=True,
        help_text=_("De volledige naam, bijvoorbeeld 'Stichting Voorbeeldzorg'. Staat in documenten en e-mails."),
    )
    short_name = models.CharField(
        _("korte naam"),
        max_length=40,
        blank=True,
        help_text=_("Staat vooraan in SMS-berichten. Leeg: de volledige naam."),
    )
    address = models.TextField(
        _("adres"), blank=True, help_text=_("Bezoek- of postadres; elke regel wordt een eigen regel in de voettekst.")
    )
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True, help_text=_("Zoals u het wilt tonen."))
    email = models.EmailField(_("e-mailadres"), blank=True, help_text=_("Voor vragen over MijnDossier."))
    website = models.URLField(_("website"), blank=True, help_text=_("De website van de organisatie (https://…)."))
    opening_hours = models.TextField(
        _("bereikbaarheid"),
        blank=True,
        help_text=_("Wanneer u telefonisch bereikbaar bent, bijvoorbeeld 'Maandag tot en met vrijdag 9.00–17.00 uur'."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staat in de kop van elke pagina en elk document; de naam van de organisatie is de alt-tekst."),
    )

    select_related = ["logo"]

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("short_name"), FieldPanel("logo")], heading=_("Organisatie")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contactgegevens"),
        ),
        FieldPanel("opening_hours"),
    ]

    class Meta:
        verbose_name = _("contactgegevens organisatie")

    @classmethod
    def for_site(cls, site):
        """Read on every page (header, footer): kept in the lookup cache, which a save of the settings clears."""
        if site is None:
            return super().for_site(site)
        return lookup_cache.cached(f"organisation:{site.pk}", lambda: super(OrganisationSettings, cls).for_site(site))

    @property
    def display_name(self) -> str:
        """The name to show in running text; 'de zorgorganisatie' while none is set."""
        return self.name or neutral_name()

    @property
    def sender_name(self) -> str:
        """The name that opens an SMS or signs an e-mail: the short name, else the full one, capitalised."""
        return capfirst(self.short_name or self.display_name)

    @property
    def contact_details(self) -> str:
        """E.g. 'vragen@voorbeeldzorg.example of 010-1234567'; empty when neither is set."""
        return gettext(" of ").join(value for value in (self.email, self.phone) if value)

    @property
    def contact_in_brackets(self) -> str:
        """' (e-mail of phone)' to follow 'neem contact op met …', or nothing when no detail is set."""
        return f" ({self.contact_details})" if self.contact_details else ""

    @property
    def contact_sentence(self) -> str:
        """'Neem contact op met de cliëntenadministratie van …' with the e-mail address and phone number."""
        return gettext("Neem contact op met de cliëntenadministratie van %(organisation)s%(contact)s.") % {
            "organisation": self.display_name,
            "contact": self.contact_in_brackets,
        }

    def phone_href(self) -> str:
        digits = "".join(c for c in self.phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""

    def logo_data_uri(self) -> str:
        """The logo as a data: URI for WeasyPrint, which then never fetches a file or URL; '' without a logo."""
        if self.logo is None:
            return ""
        rendition = self.logo.get_rendition(LOGO_RENDITION)
        with rendition.file.open("rb") as file:
            data = base64.b64encode(file.read()).decode("ascii")
        mime = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
        return f"data:{mime};base64,{data}"

    def document_context(self) -> dict:
        """The name and logo every generated document (PDF) carries in its header."""
        return {"organisation": self.display_name, "organisation_logo": self.logo_data_uri()}


def current_organisation(request=None) -> OrganisationSettings:
    """The organisation of the request's site, or of the default site when there is no request.

    Never raises for a missing site or settings row: the result is then an unsaved, empty
    instance whose `display_name` is the neutral text.
    """
    if request is not None:
        try:
            return OrganisationSettings.for_request(request)
        except OrganisationSettings.DoesNotExist:
            return OrganisationSettings()
    found = OrganisationSettings.base_queryset().filter(site__is_default_site=True).first()
    return found or OrganisationSettings()


def staff_notification_emails() -> list[str]:
    """Where staff notices go: STAFF_NOTIFICATION_EMAILS, or else the organisation's own e-mail address."""
    from django.conf import settings

    if settings.STAFF_NOTIFICATION_EMAILS:
        return list(settings.STAFF_NOTIFICATION_EMAILS)
    email = current_organisation().email
    return [email] if email else []


def sites_missing_contact_details() -> list[tuple[str, list[str]]]:
    """(site, [empty field labels]) for every site whose name, phone or e-mail is not filled in."""
    from wagtail.models import Site

    required = ("name", "phone", "email")
    filled = {row.site_id: row for row in OrganisationSettings.objects.all()}
    missing = []
    for site in Site.objects.order_by("pk"):
        row = filled.get(site.pk) or OrganisationSettings()
        empty = [str(row._meta.get_field(field).verbose_name) for field in required if not getattr(row, field)]
        if empty:
            missing.append((str(site), empty))
    return missing
