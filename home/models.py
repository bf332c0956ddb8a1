import json
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lib.pdf import pdf_response, render_pdf
from lib.richtext import richtext_to_plain

from .application import ApplicationFormField, ApplicationFormPage, ApplicationSubmission  # noqa: F401
from .blocks import ChapterBlock, FAQCategoryBlock, TeaserBlock, unique_anchors
from .organisation import OrganisationSettings  # noqa: F401


class HomePage(Page):
    """The organisation's home page with its intro and the way into MijnDossier."""

    intro = RichTextField(_("introductie"), blank=True, help_text=_("Welkomsttekst bovenaan de startpagina."))
    teasers = StreamField(
        [("teaser", TeaserBlock())],
        verbose_name=_("verwijsblokken"),
        blank=True,
        help_text=_("Blokken onder de welkomsttekst die naar belangrijke pagina's leiden."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("teasers")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("startpagina")


class ContentPage(Page):
    """A standard page with rich text, for everything that is not a FAQ, manual, terms or form."""

    intro = models.TextField(
        _("inleiding"), blank=True, help_text=_("Eén of twee zinnen die bovenaan de pagina groter worden getoond.")
    )
    body = RichTextField(
        _("tekst"),
        features=["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "image", "hr"],
        help_text=_("De inhoud van de pagina. Gebruik tussenkoppen (H2) om de tekst te ordenen."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")

    def plain_text(self) -> str:
        return f"{self.intro} {richtext_to_plain(self.body)}"


class FAQPage(Page):
    """Frequently asked questions, grouped by category; every question has its own anchor."""

    intro = RichTextField(
        _("inleiding"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Korte tekst boven de vragen."),
    )
    body = StreamField(
        [("category", FAQCategoryBlock())],
        verbose_name=_("vragen"),
        help_text=_("Groepen vragen. Elke groep heeft een optionele kop en één of meer vragen met antwoord."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = []
    template = "pages/faq_page.html"

    class Meta:
        verbose_name = _("veelgestelde vragen")
        verbose_name_plural = _("pagina's met veelgestelde vragen")

    def categories(self):
        """[(title, [(anchor, question, answer), ...]), ...] with unique, stable anchors."""
        return [
            (title, [(anchor, question, answer) for anchor, question, answer, _image, _alt in questions])
            for title, questions in self.categories_with_images()
        ]

    def categories_with_images(self):
        """As `categories`, each question also with its optional image and that image's alt text."""
        blocks = [block.value for block in self.body]
        flat = [(q["anchor"], q["question"]) for category in blocks for q in category["questions"]]
        anchors = iter(unique_anchors(flat))
        return [
            (
                category["title"],
                [
                    (next(anchors), q["question"], q["answer"], q.get("image"), q.get("image_alt") or "")
                    for q in category["questions"]
                ],
            )
            for category in blocks
        ]

    def json_ld(self):
        """schema.org FAQPage data, safe to place inside a <script type="application/ld+json">."""
        data = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question,
                    "acceptedAnswer": {"@type": "Answer", "text": richtext_to_plain(answer)},
                }
                for _title, questions in self.categories()
                for _anchor, question, answer in questions
            ],
        }
        return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308

    def plain_text(self) -> str:
        parts = [richtext_to_plain(self.intro)]
        for title, questions in self.categories():
            parts.append(title or "")
            parts += [f"{question} {richtext_to_plain(answer)}" for _a, question, answer in questions]
        return " ".join(parts)


class ManualPage(RoutablePageMixin, Page):
    """The user manual (handleiding): chapters with steps, a table of contents and a PDF download."""

    version_label = models.CharField(
        _("versie"), max_length=50, help_text=_("Versie van de handleiding, bijvoorbeeld '2.0' of 'maart 2026'.")
    )
    version_date = models.DateField(_("versiedatum"), default=date.today, help_text=_("Datum van deze versie."))
    intro = RichTextField(
        _("inleiding"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Korte uitleg voor wie deze handleiding is."),
    )
    chapters = StreamField(
        [("chapter", ChapterBlock())],
        verbose_name=_("hoofdstukken"),
        help_text=_("De hoofdstukken; de inhoudsopgave wordt hier automatisch uit gemaakt."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("version_label"), FieldPanel("version_date")], heading=_("versie")),
        FieldPanel("intro"),
        FieldPanel("chapters"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("chapters")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = []
    template = "pages/manual_page.html"

    class Meta:
        verbose_name = _("handleiding")
        verbose_name_plural = _("handleidingen")

    def chapter_list(self):
        """[(anchor, number, chapter), ...] for the table of contents and the chapters themselves."""
        values = [block.value for block in self.chapters]
        anchors = unique_anchors([(None, chapter["title"]) for chapter in values], prefix="hoofdstuk-")
        numbered = enumerate(zip(anchors, values, strict=True), 1)
        return [(anchor, number, chapter) for number, (anchor, chapter) in numbered]

    def pdf_filename(self) -> str:
        version = slugify(self.version_label.replace(".", "-")) or "versie"
        return f"{slugify(self.title) or 'handleiding'}-{version}.pdf"

    @path("pdf/", name="pdf")
    def pdf(self, request):
        return pdf_response(self.render_pdf_cached(), self.pdf_filename())

    def render_pdf_cached(self) -> bytes:
        """The PDF is the same for every visitor and costs WeasyPrint most of a second, so it is
        rendered once per published revision and kept until the next publish (home.cache)."""
        from home.cache import cached_for_generation

        key = f"manual-pdf:{self.pk}:{self.live_revision_id}"
        current, pdf = cached_for_generation(key)
        if pdf is None:
            pdf = render_pdf("pages/manual_page_pdf.html", {"page": self, "chapters": self.chapter_list()})
            cache.set(key, (current, pdf), settings.MANUAL_PDF_CACHE_SECONDS)
        return pdf

    def plain_text(self) -> str:
        parts = [richtext_to_plain(self.intro)]
        for _anchor, _number, chapter in self.chapter_list():
            parts += [chapter["title"], richtext_to_plain(chapter["intro"])]
            parts += [f"{step['title']} {richtext_to_plain(step['text'])}" for step in chapter["steps"]]
        return " ".join(parts)
