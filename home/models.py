from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The organisation's home page with its intro and the way into MijnDossier."""

    intro = RichTextField(_("introductie"), blank=True, help_text=_("Welkomsttekst bovenaan de startpagina."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("startpagina")


class TermsPage(Page):
    """The terms of use (gebruikersvoorwaarden).

    The current terms are the newest live terms page; what a user accepted is
    its live revision (`accounts.TermsAcceptance`), so every published change
    asks for a new acceptance.
    """

    version = models.CharField(_("versie"), max_length=50, help_text=_("Bijvoorbeeld 2.1"))
    effective_date = models.DateField(_("ingangsdatum"), help_text=_("Datum waarop deze versie geldt."))
    body = RichTextField(_("tekst"), help_text=_("De volledige gebruikersvoorwaarden."))

    content_panels = Page.content_panels + [FieldPanel("version"), FieldPanel("effective_date"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    subpage_types = []
    template = "pages/terms_page.html"

    class Meta:
        verbose_name = _("gebruikersvoorwaarden")
        verbose_name_plural = _("gebruikersvoorwaarden")

    @classmethod
    def current(cls):
        """The terms in force: the newest live terms page, or None when none is published."""
        return cls.objects.live().order_by("-effective_date", "-last_published_at").first()
