"""The public demo site: home, about, FAQ, manual, terms of use and the application form.

Idempotent: every page is looked up by its slug under its parent and only
created when missing, so a second run (or a run after editors changed the
texts) changes nothing.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from demo import public_content as content
from home.models import (
    ApplicationFormField,
    ApplicationFormPage,
    ContentPage,
    FAQPage,
    HomePage,
    ManualPage,
    OrganisationSettings,
)
from terms.models import TermsPage


def load(stdout):
    with transaction.atomic():
        home = _home(stdout)
        site = _site(home)
        _organisation(site)
        about = _child(
            stdout,
            home,
            ContentPage,
            slug=content.ABOUT["slug"],
            title=content.ABOUT["title"],
            intro=content.ABOUT["intro"],
            body=content.ABOUT["body"],
        )
        faq = _child(
            stdout, home, FAQPage, slug="veelgestelde-vragen", title="Veelgestelde vragen", intro=content.FAQ_INTRO
        )
        manual = _child(stdout, home, ManualPage, slug="handleiding", title="Handleiding MijnDossier")
        form = _child(stdout, home, ApplicationFormPage, slug="toegang-aanvragen", title="Toegang aanvragen")
        _child(
            stdout,
            home,
            TermsPage,
            slug="gebruikersvoorwaarden",
            title="Gebruikersvoorwaarden MijnDossier",
            version=content.TERMS_VERSION[0],
            effective_date=content.TERMS_VERSION[1],
            body=content.TERMS_BODY,
            show_in_menus=False,
        )
        _teasers(home, about, faq, manual, form)


def _home(stdout):
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's "Welcome to your new Wagtail site!" page: replaced, as bakerydemo does.
    plain_page = ContentType.objects.get_for_model(Page)
    for welcome in root.get_children().filter(content_type=plain_page):
        if welcome.get_children_count() == 0:
            welcome.delete()
    home = HomePage(title="Welkom bij MijnDossier", slug="home", intro=content.HOME_INTRO)
    root.add_child(instance=home)
    home.save_revision().publish()
    stdout.write("public pages: created home page")
    return home


def _site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Zorggroep De Linde"
        )
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Zorggroep De Linde"
        site.save()
    return site


def serve_on_base_url(stdout):
    """Give the default Site the host and port of WAGTAILADMIN_BASE_URL, so the sitemap uses it.

    Wagtail builds every absolute page URL (sitemap.xml, search results) from the Site,
    not from the request; the demo runs on `make run`'s http://127.0.0.1:8000.
    """
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not address.hostname:
        return
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save(update_fields=["hostname", "port"])
        stdout.write(f"site: {site.root_url}")


def _organisation(site):
    settings = OrganisationSettings.for_site(site)
    if not settings.name:
        for field, value in content.ORGANISATION.items():
            setattr(settings, field, value)
        settings.save()


def _child(stdout, parent, model, *, slug, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    fields.setdefault("show_in_menus", True)
    page = model(slug=slug, **fields, **_extra_fields(model))
    parent.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"public pages: created {page.title}")
    return page


def _extra_fields(model):
    if model is FAQPage:
        return {"body": _faq_body()}
    if model is ManualPage:
        version, version_date = content.MANUAL_VERSION
        return {
            "version_label": version,
            "version_date": version_date,
            "intro": content.MANUAL_INTRO,
            "chapters": _manual_chapters(),
        }
    if model is ApplicationFormPage:
        return {
            "seo_title": "Registratie cliëntportaaltoegang MijnDossier",
            "intro": content.FORM_INTRO,
            "thank_you_text": content.FORM_THANK_YOU,
            "to_address": content.ORGANISATION["email"],
            "subject": "Nieuwe aanvraag voor MijnDossier",
            "form_fields": [
                ApplicationFormField(
                    sort_order=order, label=label, field_type=kind, required=required, choices=choices, help_text=help
                )
                for order, (label, kind, required, choices, help) in enumerate(content.FORM_FIELDS)
            ],
        }
    return {}


def _faq_body():
    return [
        (
            "category",
            {
                "title": title,
                "questions": [
                    {"anchor": anchor, "question": question, "answer": RichText(answer), "image": None, "image_alt": ""}
                    for anchor, question, answer in questions
                ],
            },
        )
        for title, questions in content.FAQ
    ]


def _manual_chapters():
    return [
        (
            "chapter",
            {
                "title": title,
                "intro": RichText(intro),
                "steps": [
                    {"title": step_title, "text": RichText(text), "image": None, "image_alt": ""}
                    for step_title, text in steps
                ],
            },
        )
        for title, intro, steps in content.MANUAL
    ]


def _teasers(home, about, faq, manual, form):
    if home.teasers:
        return
    home.teasers = [
        ("teaser", {"title": "Wat is MijnDossier?", "text": about.search_description or content.ABOUT["intro"],
                    "page": about, "link_text": "Lees meer over MijnDossier"}),
        ("teaser", {"title": "Veelgestelde vragen", "text": "Antwoorden over toegang, inloggen en veiligheid.",
                    "page": faq, "link_text": "Naar de vragen"}),
        ("teaser", {"title": "Handleiding", "text": "Stap voor stap uitgelegd, ook om te downloaden als PDF.",
                    "page": manual, "link_text": "Naar de handleiding"}),
        ("teaser", {"title": "Toegang aanvragen", "text": "Vraag een account aan voor uzelf of voor iemand "
                    "die u vertegenwoordigt.", "page": form, "link_text": "Naar het aanvraagformulier"}),
    ]  # fmt: skip
    home.save_revision().publish()
