from datetime import date

import pytest
from wagtail.models import Page

from terms.models import TermsAcceptance, TermsPage
from tests.personas import login_verified


def publish_terms(version="1.0", body="<p>Wij gaan zorgvuldig om met uw gegevens.</p>"):
    terms = Page.get_first_root_node().add_child(
        instance=TermsPage(
            title="Gebruikersvoorwaarden MijnDossier",
            slug=f"voorwaarden-{version.replace('.', '-')}",
            version=version,
            effective_date=date(2026, 1, 1),
            body=body,
        )
    )
    terms.save_revision().publish()
    terms.refresh_from_db()
    return terms


@pytest.fixture
def terms(db):
    return publish_terms()


@pytest.mark.django_db
def test_a_client_must_accept_the_terms_before_the_profile_opens(client, personas, terms):
    login_verified(client, personas.anna)
    response = client.get("/account/profiel/")
    assert response.status_code == 302
    assert response["Location"] == "/account/voorwaarden/?next=%2Faccount%2Fprofiel%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Wij gaan zorgvuldig om met uw gegevens." in page
    assert "Ik ga akkoord met de voorwaarden" in page


@pytest.mark.django_db
def test_the_dossier_is_not_reachable_before_acceptance(client, personas, terms):
    login_verified(client, personas.anna)
    response = client.get("/mijn-dossier/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/voorwaarden/")


@pytest.mark.django_db
def test_accepting_stores_user_revision_version_time_and_address(client, personas, terms):
    login_verified(client, personas.anna)
    response = client.post(
        "/account/voorwaarden/", {"accept": "1", "next": "/account/profiel/"}, REMOTE_ADDR="192.0.2.7"
    )
    assert response["Location"] == "/account/profiel/"
    acceptance = TermsAcceptance.objects.get(user=personas.anna, terms_page=terms)
    assert acceptance.revision_id == terms.live_revision_id
    assert acceptance.terms_page == terms.page_ptr.specific
    assert acceptance.version == "1.0"
    assert acceptance.ip_address == "192.0.2.7"
    assert acceptance.accepted_at is not None
    assert client.get("/account/profiel/").status_code == 200


@pytest.mark.django_db
def test_a_newly_published_revision_asks_for_acceptance_again(client, personas, terms):
    login_verified(client, personas.anna)
    client.post("/account/voorwaarden/", {"accept": "1"})
    assert client.get("/account/profiel/").status_code == 200

    terms.body = "<p>Nieuw: u kunt ook uw afspraken inzien.</p>"
    terms.version = "1.1"
    terms.save_revision().publish()

    response = client.get("/account/profiel/")
    assert response["Location"].startswith("/account/voorwaarden/")
    assert "u kunt ook uw afspraken inzien" in client.get("/account/voorwaarden/").content.decode()
    client.post("/account/voorwaarden/", {"accept": "1"})
    assert TermsAcceptance.objects.filter(user=personas.anna, terms_page=terms).count() == 2
    assert client.get("/account/profiel/").status_code == 200


@pytest.mark.django_db
def test_declining_logs_out_with_an_explanation(client, personas, terms):
    login_verified(client, personas.anna)
    response = client.post("/account/voorwaarden/", {"decline": "1"}, follow=True)
    page = response.content.decode()
    assert "niet akkoord bent gegaan met de gebruikersvoorwaarden" in page
    assert not response.wsgi_request.user.is_authenticated
    assert not TermsAcceptance.objects.filter(terms_page=terms).exists()
    assert client.get("/account/profiel/")["Location"].startswith("/account/inloggen/")


@pytest.mark.django_db
def test_the_acceptance_page_needs_a_verified_login(client, personas, terms):
    client.force_login(personas.anna)
    response = client.get("/account/voorwaarden/")
    assert response["Location"].startswith("/account/inloggen/")


@pytest.mark.django_db
def test_staff_reach_the_admin_without_accepting_the_client_terms(client, personas, terms):
    login_verified(client, personas.dirk)
    assert client.get("/admin/").status_code == 200
