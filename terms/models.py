"""The terms of use as a page, and the proof of each user's acceptance."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from lib import lookup_cache
from lib.richtext import richtext_to_plain


class TermsPage(Page):
    """The terms of use (gebruikersvoorwaarden).

    The current terms are the newest live terms page; what a user accepted is
    its live revision (`TermsAcceptance`), so every published change asks for
    a new acceptance. Only who holds `terms.publish_terms` publishes a version
    (`terms.governance`).
    """

    version = models.CharField(_("versie"), max_length=50, help_text=_("Bijvoorbeeld 2.1"))
    effective_date = models.DateField(_("ingangsdatum"), help_text=_("Datum waarop deze versie geldt."))
    body = RichTextField(_("tekst"), help_text=_("De volledige gebruikersvoorwaarden."))

    content_panels = Page.content_panels + [FieldPanel("version"), FieldPanel("effective_date"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = []
    template = "pages/terms_page.html"

    class Meta:
        verbose_name = _("gebruikersvoorwaarden")
        verbose_name_plural = _("gebruikersvoorwaarden")
        permissions = [("publish_terms", "Mag de gebruikersvoorwaarden publiceren")]

    @classmethod
    def current(cls):
        """The terms in force: the newest live terms page, or None when none is published."""
        return lookup_cache.cached("terms:current", cls._newest_live)

    @classmethod
    def _newest_live(cls):
        return cls.objects.live().order_by("-effective_date", "-last_published_at").first()

    def plain_text(self) -> str:
        return richtext_to_plain(self.body)


class TermsAcceptance(models.Model):
    """Proof that a user accepted one exact published revision of the terms of use."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_acceptances")
    terms_page = models.ForeignKey(TermsPage, on_delete=models.PROTECT, related_name="acceptances")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    version = models.CharField(_("versie"), max_length=50)
    accepted_at = models.DateTimeField(_("geaccepteerd op"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("acceptatie gebruikersvoorwaarden")
        verbose_name_plural = _("acceptaties gebruikersvoorwaarden")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "revision"], name="unique_acceptance_per_revision"),
        ]
        permissions = [("view_terms_report", "Mag het overzicht van de acceptatie van de voorwaarden zien")]

    def __str__(self):
        return f"{self.user} – {self.version} ({self.accepted_at:%d-%m-%Y})"
