"""Public pages come from the cache and change the moment an editor publishes; personal pages are never stored."""

import json
from unittest import mock

import pytest
from django.core.cache import cache
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


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
)


def test_a_cache_hit_carries_exactly_the_same_security_headers_as_the_miss(faq_site, client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    _home, faq = faq_site
    miss = client.get(faq.url, secure=True)
    hit = client.get(faq.url, secure=True)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert [name for name in SECURITY_HEADERS if name not in miss] == []
    assert {name: hit[name] for name in SECURITY_HEADERS} == {name: miss[name] for name in SECURITY_HEADERS}
    assert set(hit.headers) == set(miss.headers)


def test_a_cache_hit_is_answered_before_sessions_authentication_and_page_routing(faq_site, client):
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.middleware.security import SecurityMiddleware

    _home, faq = faq_site
    client.get(faq.url)
    refuse = mock.Mock(side_effect=AssertionError("reached on a cache hit"))
    with (
        mock.patch.object(SecurityMiddleware, "process_request", refuse),
        mock.patch.object(SessionMiddleware, "process_request", refuse),
        mock.patch.object(AuthenticationMiddleware, "process_request", refuse),
        mock.patch.object(Page, "route", refuse),
    ):
        assert client.get(faq.url)["X-Page-Cache"] == "hit"


def test_a_static_file_costs_no_page_cache_lookup(client, settings, tmp_path):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "huisstijl.css").write_text("body { color: #222; }")
    with mock.patch("home.cache.cached_for_generation", side_effect=AssertionError("page cache asked")):
        assert client.get("/static/huisstijl.css").status_code == 200


SEARCH = "/zoeken/"
FOUND = '1 resultaat voor "gebruikersnaam"'
NOT_FOUND = "Er zijn geen pagina's gevonden"


def test_a_repeated_anonymous_search_comes_from_the_cache_without_queries(faq_site, client, django_assert_num_queries):
    first = client.get(SEARCH, {"q": "gebruikersnaam"})
    assert first["X-Page-Cache"] == "miss"
    assert FOUND in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(SEARCH, {"q": "gebruikersnaam"})
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    other = client.get(SEARCH, {"q": "wachtwoord"})
    assert other["X-Page-Cache"] == "miss"


def test_cached_search_results_follow_a_publish_at_once(faq_site, client):
    _home, faq = faq_site
    client.get(SEARCH, {"q": "gebruikersnaam"})
    edit_faq_and_publish(faq, "Via de knop Inloggen rechtsboven op elke pagina.")
    response = client.get(SEARCH, {"q": "gebruikersnaam"})
    assert response["X-Page-Cache"] == "miss"
    assert NOT_FOUND in response.content.decode()


def test_an_unpublished_page_disappears_from_cached_search_results(faq_site, client):
    _home, faq = faq_site
    assert FOUND in client.get(SEARCH, {"q": "gebruikersnaam"}).content.decode()
    FAQPage.objects.get(pk=faq.pk).unpublish()
    assert NOT_FOUND in client.get(SEARCH, {"q": "gebruikersnaam"}).content.decode()


def test_search_results_are_stored_only_briefly(faq_site, client, settings):
    with mock.patch("home.cache.cache.set", wraps=cache.set) as stored:
        client.get(SEARCH, {"q": "gebruikersnaam"})
    [(_key, _entry, timeout)] = [call.args for call in stored.call_args_list if "page:" in call.args[0]]
    assert timeout == settings.PUBLIC_QUERY_CACHE_PATHS[SEARCH] <= 5 * 60


def test_a_logged_in_user_never_gets_cached_search_results(faq_site, client, personas):
    client.get(SEARCH, {"q": "gebruikersnaam"})
    anna = login_verified(client, personas.anna)
    response = anna.get(SEARCH, {"q": "gebruikersnaam"})
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]
