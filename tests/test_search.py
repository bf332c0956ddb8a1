import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from home.models import ContentPage
from search.ranking import ranked_search
from search.views import searchable_pages

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


def _add_content_pages(parent, pages):
    """Add (title, body) pages under `parent`; add_child indexes them for search."""
    for number, (title, body) in enumerate(pages):
        parent.add_child(instance=ContentPage(title=title, slug=f"rang-{number}", body=f"<p>{body}</p>"))


def test_all_words_must_occur_but_may_be_split_over_title_and_text(client, public_site):
    _add_content_pages(public_site, [("Kwetsbare zeppelin", "Alleen over de hangaar."), ("Zeppelin", "Andere tekst.")])
    assert titles(client.get("/zoeken/", {"q": "zeppelin hangaar"})) == ["Kwetsbare zeppelin"]


def test_a_page_with_the_word_in_its_title_ranks_above_one_with_it_in_the_text(client, public_site):
    _add_content_pages(public_site, [("Over de tuin", "Ook iets over de luchtballon."), ("Luchtballon", "Vliegen.")])
    assert titles(client.get("/zoeken/", {"q": "luchtballon"})) == ["Luchtballon", "Over de tuin"]


def test_a_query_without_searchable_words_finds_nothing(client, public_site):
    for query in ("-", "- -", ":*", "&|!", "()"):
        response = client.get("/zoeken/", {"q": query})
        assert response.status_code == 200
        assert titles(response) == []
        assert "Er zijn geen pagina's gevonden" in response.content.decode()


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the ranked query is specific to PostgreSQL full-text search"
)


@postgres_only
def test_on_postgresql_results_count_and_order_equal_the_search_backends_own(public_site):
    index = ContentPage(title="Artikelen", slug="artikelen", body="<p>Lijst.</p>")
    public_site.add_child(instance=index)
    words = ["zorg", "team", "dossier", "overzicht", "planning"]
    _add_content_pages(
        index,
        [(f"Artikel {n} {words[n % 5]}", " ".join(words[(n + i) % 5] for i in range(n % 7 + 1))) for n in range(25)],
    )
    for query in ("zorg", "zorg team", "overzicht dossier planning", "Artikel", "onbekendwoord"):
        ours = ranked_search(searchable_pages(), query)
        theirs = searchable_pages().search(query, operator="and")
        assert ours.count() == theirs.count()
        for start in (0, 10, 20):
            assert [p.pk for p in ours[start : start + 10]] == [p.pk for p in theirs[start : start + 10]]
    assert ranked_search(searchable_pages(), "zorg").count() > 5


@postgres_only
def test_on_postgresql_matches_are_tied_to_pages_through_the_page_primary_key(public_site):
    # The backend's own query joins on `object_id = page.id::varchar`, which no index answers: with a
    # thousand matching pages PostgreSQL compared every match with every page (a million comparisons).
    # At test size a sequential scan is cheaper, so those are switched off to see which lookups are possible.
    _add_content_pages(public_site, [(f"Bericht {n}", "Over de zorg in het team.") for n in range(30)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # With the index on title || body the planner knows how many entries match; at test size it would
        # then hash all pages instead of looking each one up.
        for method in ("seqscan", "hashjoin", "mergejoin"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        entries = ranked_search(searchable_pages(), "zorg team").entries
        sql, params = entries[:10].values_list("page_id").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Cond: (id = CASE" in plan
    assert "wagtailcore_page_pkey" in plan


@postgres_only
def test_on_postgresql_the_words_are_matched_through_an_index_not_a_scan_of_every_entry(public_site):
    """search.ranking matches `(title || body) @@ query`; the same predicate must be answerable by an index."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('zorg')")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan
