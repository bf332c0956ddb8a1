import re

import pytest
from django.template.loader import get_template
from django.test import override_settings
from django.views.defaults import server_error

from home.models import ContentPage, OrganisationSettings

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_intro_and_the_mijn_dossier_button(client, public_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Welkom bij MijnDossier" in html
    assert "bijhoudt" in html
    assert re.search(r'<a class="button button--primary button--dossier" href="/mijn-dossier/">Mijn dossier', html)


def test_the_home_page_teasers_link_to_the_faq_manual_and_form(client, public_site):
    html = client.get("/").content.decode()
    for url in ("/veelgestelde-vragen/", "/handleiding/", "/toegang-aanvragen/", "/over-mijndossier/"):
        assert f'href="{url}"' in html


def test_a_content_page_renders_its_intro_and_body(client, public_site):
    response = client.get("/over-mijndossier/")
    assert response.status_code == 200
    assert "Liever op papier?" in response.content.decode()


PUBLIC_URLS = ["/", "/over-mijndossier/", "/veelgestelde-vragen/", "/handleiding/", "/toegang-aanvragen/"]


def test_every_public_page_has_skip_link_text_size_control_menu_and_footer(client, public_site):
    for url in PUBLIC_URLS + ["/gebruikersvoorwaarden/", "/zoeken/"]:
        _assert_page_chrome(client.get(url).content.decode())


def _assert_page_chrome(html):
    assert 'class="skip-link" href="#main"' in html
    assert 'id="main"' in html
    for size in ("normal", "large", "larger"):
        assert f'data-text-size="{size}"' in html
    assert '<script src="/static/js/text-size.js"></script>' in html
    assert 'aria-label="Hoofdmenu"' in html
    assert "clientenadministratie@zorggroep-de-linde.example" in html
    assert "0570 123 456" in html
    assert 'href="tel:0570123456"' in html


def test_pages_have_no_inline_styles_or_executable_inline_scripts(client, public_site):
    for url in PUBLIC_URLS + ["/zoeken/?q=inloggen", "/bestaat-niet/"]:
        _assert_no_inline_code(client.get(url).content.decode())


def _assert_no_inline_code(html):
    assert "style=" not in html
    assert "<style" not in html
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attributes or 'type="application/ld+json"' in attributes
    assert not re.search(r"\son[a-z]+=", html)


def test_the_main_menu_lists_live_pages_that_are_in_the_menu(client, public_site):
    hidden = ContentPage(title="Niet in het menu", slug="verborgen", body="<p>x</p>", show_in_menus=False)
    public_site.add_child(instance=hidden)
    draft = ContentPage(title="Nog een concept", slug="concept", body="<p>x</p>", show_in_menus=True, live=False)
    public_site.add_child(instance=draft)
    menu = re.search(r'<nav class="main-nav".*?</nav>', client.get("/").content.decode(), re.S).group(0)
    for title in ("Over MijnDossier", "Veelgestelde vragen", "Handleiding MijnDossier", "Toegang aanvragen"):
        assert title in menu
    assert "Niet in het menu" not in menu
    assert "Nog een concept" not in menu
    assert "Gebruikersvoorwaarden" not in menu


def test_the_current_menu_item_is_marked(client, public_site):
    html = client.get("/veelgestelde-vragen/").content.decode()
    assert re.search(r'href="/veelgestelde-vragen/" aria-current="page"', html)


def test_breadcrumbs_lead_from_home_to_the_current_page(client, public_site):
    about = ContentPage.objects.get(slug="over-mijndossier")
    about.add_child(instance=ContentPage(title="Privacy", slug="privacy", body="<p>Over privacy.</p>"))
    html = client.get("/over-mijndossier/privacy/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert 'href="/"' in crumbs
    assert 'href="/over-mijndossier/">Over MijnDossier</a>' in crumbs
    assert '<li aria-current="page">Privacy</li>' in crumbs


def test_the_home_page_has_no_breadcrumbs(client, public_site):
    assert 'class="breadcrumbs' not in client.get("/").content.decode()


def test_the_footer_shows_what_editors_enter_in_the_contact_settings(client, public_site):
    settings = OrganisationSettings.objects.get()
    settings.opening_hours = "Elke werkdag van 8.30 tot 16.30 uur"
    settings.save()
    assert "Elke werkdag van 8.30 tot 16.30 uur" in client.get("/").content.decode()


def test_an_unknown_url_gets_a_dutch_404_page(client, public_site):
    response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert 'href="/zoeken/"' in html


def test_the_500_page_renders_without_a_request_or_context(rf):
    html = get_template("500.html").render()
    assert server_error(rf.get("/")).status_code == 500
    assert "Er ging iets mis" in html
    assert "/static/css/site.css" in html


@override_settings(DEBUG=False)
def test_robots_txt_keeps_crawlers_out_of_admin_dossier_and_account(client, public_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    for path in ("/admin/", "/mijn-dossier/", "/account/"):
        assert f"Disallow: {path}" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_the_footer_links_to_the_current_terms_of_use(client, public_site):
    footer = re.search(r'<footer class="site-footer">.*?</footer>', client.get("/").content.decode(), re.S).group(0)
    assert 'href="/gebruikersvoorwaarden/">Gebruikersvoorwaarden</a>' in footer


def test_every_public_page_links_a_favicon_that_exists(client, public_site):
    from django.contrib.staticfiles import finders

    page = client.get("/").content.decode()
    link = re.search(r'<link rel="icon" href="/static/([^"]+)"', page)
    assert link, "no <link rel=icon> in the page head"
    assert finders.find(link.group(1))


def test_favicon_ico_leads_to_the_icon_instead_of_a_404(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/")
    from django.contrib.staticfiles import finders

    assert finders.find(response["Location"].removeprefix("/static/"))
