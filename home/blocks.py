"""StreamField blocks for the public pages: home teasers, FAQ categories and manual chapters."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class TeaserBlock(blocks.StructBlock):
    """A card on the home page that leads to another page."""

    title = blocks.CharBlock(label=_("titel"), max_length=120, help_text=_("Korte kop van het blok."))
    text = blocks.TextBlock(label=_("tekst"), required=False, help_text=_("Eén of twee zinnen uitleg."))
    page = blocks.PageChooserBlock(label=_("pagina"), help_text=_("De pagina waar dit blok naartoe leidt."))
    link_text = blocks.CharBlock(
        label=_("linktekst"),
        max_length=80,
        required=False,
        help_text=_("Tekst van de link, bijvoorbeeld 'Lees de handleiding'. Leeg: de titel van de pagina."),
    )

    class Meta:
        icon = "link"
        label = _("verwijsblok")
        template = "components/teaser_block.html"


class QuestionBlock(blocks.StructBlock):
    """One question with its answer (optionally with a screenshot); the anchor makes it linkable."""

    question = blocks.CharBlock(label=_("vraag"), max_length=250, help_text=_("De vraag zoals een lezer die stelt."))
    anchor = blocks.CharBlock(
        label=_("anker"),
        max_length=80,
        required=False,
        help_text=_(
            "Deel van de link naar deze vraag (na #), bijvoorbeeld 'inloggen'. Leeg: gemaakt uit de vraag. "
            "Verander dit niet meer na publicatie, anders werken bestaande links niet meer."
        ),
    )
    answer = blocks.RichTextBlock(
        label=_("antwoord"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        help_text=_("Het antwoord, kort en in gewone taal."),
    )
    image = ImageChooserBlock(
        label=_("afbeelding"), required=False, help_text=_("Optioneel: een schermafbeelding onder het antwoord.")
    )
    image_alt = blocks.CharBlock(
        label=_("beschrijving afbeelding"),
        max_length=250,
        required=False,
        help_text=_("Wat er op de afbeelding staat, voor mensen die hem niet kunnen zien."),
    )

    class Meta:
        icon = "help"
        label = _("vraag en antwoord")


class FAQCategoryBlock(blocks.StructBlock):
    """A group of questions under an optional heading."""

    title = blocks.CharBlock(
        label=_("categorie"),
        max_length=120,
        required=False,
        help_text=_("Kop boven deze groep vragen. Leeg laten als u geen groepen gebruikt."),
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("vragen"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("categorie")


class StepBlock(blocks.StructBlock):
    """One step in a manual chapter, optionally with a screenshot."""

    title = blocks.CharBlock(
        label=_("titel"), max_length=200, required=False, help_text=_("Korte kop van de stap (mag leeg).")
    )
    text = blocks.RichTextBlock(
        label=_("uitleg"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Wat de lezer in deze stap doet en ziet."),
    )
    image = ImageChooserBlock(
        label=_("schermafbeelding"), required=False, help_text=_("Optioneel: een schermafbeelding bij deze stap.")
    )
    image_alt = blocks.CharBlock(
        label=_("beschrijving afbeelding"),
        max_length=250,
        required=False,
        help_text=_("Wat er op de afbeelding staat, voor mensen die hem niet kunnen zien."),
    )

    class Meta:
        icon = "list-ol"
        label = _("stap")


class ChapterBlock(blocks.StructBlock):
    """A chapter of the manual: a heading, an introduction and numbered steps."""

    title = blocks.CharBlock(label=_("hoofdstuktitel"), max_length=200, help_text=_("Verschijnt in de inhoudsopgave."))
    intro = blocks.RichTextBlock(
        label=_("inleiding"),
        required=False,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Optioneel: waar dit hoofdstuk over gaat."),
    )
    steps = blocks.ListBlock(StepBlock(), label=_("stappen"), min_num=0)

    class Meta:
        icon = "doc-full"
        label = _("hoofdstuk")


def unique_anchors(texts, prefix=""):
    """Stable, unique slugs for a sequence of (preferred_anchor, fallback_text) pairs."""
    seen = set()
    anchors = []
    for preferred, fallback in texts:
        base = slugify(preferred or "") or slugify(fallback or "") or "item"
        base = f"{prefix}{base}"
        anchor, n = base, 2
        while anchor in seen:
            anchor = f"{base}-{n}"
            n += 1
        seen.add(anchor)
        anchors.append(anchor)
    return anchors
