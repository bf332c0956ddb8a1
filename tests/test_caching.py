"""Public pages come from the cache and change the moment an editor publishes; personal pages are never stored."""

import json

import pytest
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site

from home.cache import clear_public_pages, menu_pages
from home.models import ContentPage, FAQPage, HomePage
from tests.personas import login_verified


def faq_body(answer):
    return json.dumps(
        [
            {
                "type": "category",
                "value": {
                    "title": "Inloggen",
                    "questions": [{"question": "Hoe log ik in?", "anchor": "inloggen", "answer": f"<p>{answer}</p>"}],
                },
            }
        ]
    )


@pytest.fixture
def faq_site(db, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    clear_public_pages()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Zorggroep De Linde", slug="de-linde"))
    Site.objects.filter(is_default_site=True).update(root_page=home)
    faq = home.add_child(
        instance=FAQPage(
            title="Veelgestelde vragen",
            slug="veelgestelde-vragen",
            show_in_menus=True,
            body=faq_body("Met uw gebruikersnaam, wachtwoord en een sms-code."),
        )
    )
    Site.clear_site_root_paths_cache()
    yield home, faq
    # The rollback after the test does not reach Wagtail's cached site root paths.
    Site.clear_site_root_paths_cache()


def edit_faq_and_publish(faq, answer):
    faq = FAQPage.objects.get(pk=faq.pk)
    faq.body = faq_body(answer)
    faq.save_revision().publish()


def test_an_anonymous_visitor_gets_the_second_faq_request_from_the_cache_without_queries(
    faq_site, client, django_assert_num_queries
):
    _home, faq = faq_site
    first = client.get(faq.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(faq.url)

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "sms-code" in second.content.decode()


def test_a_cached_page_keeps_its_security_headers(faq_site, client):
    _home, faq = faq_site
    client.get(faq.url)
    hit = client.get(faq.url)
    assert hit["X-Page-Cache"] == "hit"
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in hit["Permissions-Policy"]


def test_publishing_a_changed_faq_shows_the_new_text_at_once(faq_site, client):
    _home, faq = faq_site
    client.get(faq.url)
    assert client.get(faq.url)["X-Page-Cache"] == "hit"

    edit_faq_and_publish(faq, "Via de knop Inloggen rechtsboven op elke pagina.")

    response = client.get(faq.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Via de knop Inloggen rechtsboven" in response.content.decode()
    assert "sms-code" not in response.content.decode()


def test_a_saved_draft_does_not_reach_the_public_page(faq_site, client):
    _home, faq = faq_site
    client.get(faq.url)
    draft = FAQPage.objects.get(pk=faq.pk)
    draft.body = faq_body("Nog niet gepubliceerde tekst.")
    draft.save_revision()

    for _ in range(2):
        content = client.get(faq.url).content.decode()
        assert "Nog niet gepubliceerde tekst" not in content
        assert "sms-code" in content


def test_an_unpublished_page_disappears_from_the_cache(faq_site, client):
    _home, faq = faq_site
    client.get(faq.url)
    url = faq.url

    FAQPage.objects.get(pk=faq.pk).unpublish()

    assert client.get(url).status_code == 404


def test_a_logged_in_user_never_gets_the_cached_page_and_the_response_is_private(faq_site, client, personas):
    _home, faq = faq_site
    client.get(faq.url)
    login_verified(client, personas.anna)

    response = client.get(faq.url)

    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_a_visitor_with_a_session_cookie_bypasses_the_cache(faq_site, client, settings):
    _home, faq = faq_site
    client.get(faq.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "halfway-through-logging-in"

    assert "X-Page-Cache" not in client.get(faq.url)


def test_requests_with_a_query_string_are_not_cached(faq_site, client):
    _home, faq = faq_site
    client.get(faq.url + "?utm_source=nieuwsbrief")
    assert "X-Page-Cache" not in client.get(faq.url + "?utm_source=nieuwsbrief")


def test_a_page_behind_a_password_is_never_cached(faq_site, client):
    _home, faq = faq_site
    PageViewRestriction.objects.create(page=faq, restriction_type=PageViewRestriction.PASSWORD, password="geheim")

    for _ in range(2):
        response = client.get(faq.url)
        assert "X-Page-Cache" not in response
        assert "sms-code" not in response.content.decode()


def test_the_menu_costs_no_queries_once_cached_and_follows_a_publish(faq_site, django_assert_num_queries):
    home, faq = faq_site
    request = RequestFactory().get("/")
    assert [page.pk for page in menu_pages(request)] == [faq.pk]

    with django_assert_num_queries(0):
        assert [page.pk for page in menu_pages(request)] == [faq.pk]

    about = home.add_child(
        instance=ContentPage(title="Over ons", slug="over", show_in_menus=True, body="<p>Uitleg.</p>", live=False)
    )
    about.save_revision().publish()

    assert [page.pk for page in menu_pages(request)] == [faq.pk, about.pk]


PERSONAL_PATHS = [
    "/mijn-dossier/",
    "/mijn-dossier/rapportages/",
    "/account/profiel/",
    "/account/inloggen/",
    "/admin/",
    "/api/",
    "/documents/1/handleiding.pdf",
]


@pytest.mark.parametrize("path", PERSONAL_PATHS)
def test_no_dossier_or_account_response_is_cacheable_by_a_shared_cache(path, client, personas):
    anonymous = client.get(path)
    login_verified(client, personas.anna)
    logged_in = client.get(path)

    for response in (anonymous, logged_in):
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives
        assert "public" not in directives
        assert not any(d.startswith("s-maxage") for d in directives)
