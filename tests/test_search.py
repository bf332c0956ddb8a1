import pytest
from wagtail.models import PageViewRestriction

from home.models import ContentPage

pytestmark = pytest.mark.django_db

# Occurs only inside one FAQ answer of the demo site.
FAQ_ONLY_PHRASE = "familielid machtigen"


def titles(response):
    return [result.title for result in response.context["results"]]


def test_search_finds_a_phrase_that_only_occurs_inside_an_faq_answer(client, public_site):
    response = client.get("/zoeken/", {"q": FAQ_ONLY_PHRASE})
    assert response.status_code == 200
    assert titles(response) == ["Veelgestelde vragen"]
    assert "<mark>familielid</mark> <mark>machtigen</mark>" in response.content.decode()


def test_search_finds_text_inside_manual_steps(client, public_site):
    response = client.get("/zoeken/", {"q": "Wachtwoord opslaan"})
    assert "Handleiding MijnDossier" in titles(response)


def test_search_never_returns_a_private_page(client, public_site):
    secret = ContentPage(title="Intern overleg", slug="intern", body="<p>Geheime vergaderstukken zeppelin.</p>")
    public_site.add_child(instance=secret)
    secret.save_revision().publish()
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="geheim")
    assert titles(client.get("/zoeken/", {"q": "zeppelin"})) == []


def test_search_never_returns_a_draft_page(client, public_site):
    draft = ContentPage(title="Concept", slug="concept", body="<p>Nog niet af: zeppelin.</p>", live=False)
    public_site.add_child(instance=draft)
    assert titles(client.get("/zoeken/", {"q": "zeppelin"})) == []


def test_search_never_returns_the_dossier_page(client, public_site, dossier_page):
    dossier_page.save_revision().publish()
    assert "Mijn dossier" not in titles(client.get("/zoeken/", {"q": "Mijn dossier"}))


def test_an_empty_query_shows_the_search_form_without_results(client, public_site):
    response = client.get("/zoeken/", {"q": "   "})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "Vul een of meer woorden in" in response.content.decode()


def test_a_nonsense_query_says_nothing_was_found(client, public_site):
    response = client.get("/zoeken/", {"q": "qwxzv %%% ' OR 1=1 --"})
    assert response.status_code == 200
    assert titles(response) == []
    assert "Er zijn geen pagina's gevonden" in response.content.decode()


def test_a_query_with_a_nul_byte_gets_a_dutch_message_instead_of_an_error(client, public_site):
    response = client.get("/zoeken/", {"q": "inloggen\x00"})
    assert response.status_code == 400
    assert "teken dat niet is toegestaan" in response.content.decode()


def test_a_very_long_query_is_cut_short(client, public_site):
    response = client.get("/zoeken/", {"q": "inloggen " * 200})
    assert response.status_code == 200
    assert len(response.context["query"]) <= 200


def test_results_are_paginated_and_bad_page_numbers_are_handled(client, public_site):
    for number in range(12):
        page = ContentPage(title=f"Bericht {number}", slug=f"bericht-{number}", body="<p>Over de tuinkamer.</p>")
        public_site.add_child(instance=page)
    first = client.get("/zoeken/", {"q": "tuinkamer"})
    assert len(first.context["results"]) == 10
    assert 'href="?q=tuinkamer&amp;page=2"' in first.content.decode()
    second = client.get("/zoeken/", {"q": "tuinkamer", "page": "2"})
    assert len(second.context["results"]) == 2
    assert client.get("/zoeken/", {"q": "tuinkamer", "page": "999"}).context["results"].number == 2
    assert client.get("/zoeken/", {"q": "tuinkamer", "page": "abc"}).context["results"].number == 1


def _publish_content_pages(parent, count):
    for number in range(count):
        page = ContentPage(
            title=f"Nieuws {number}", slug=f"nieuws-{parent.pk}-{number}", body="<p>Over de zonnebloem.</p>"
        )
        parent.add_child(instance=page)
        page.save_revision().publish()


def test_a_results_page_costs_the_same_number_of_queries_for_one_or_ten_results(
    client, public_site, django_assert_max_num_queries
):
    _publish_content_pages(public_site, 1)
    with django_assert_max_num_queries(12) as one_result:
        client.get("/zoeken/", {"q": "zonnebloem"})
    _publish_content_pages(public_site.get_children().last(), 9)
    with django_assert_max_num_queries(len(one_result.captured_queries)):
        response = client.get("/zoeken/", {"q": "zonnebloem"})
    assert len(response.context["results"]) == 10
