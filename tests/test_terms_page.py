from datetime import date

import pytest

from terms.models import TermsPage

pytestmark = pytest.mark.django_db


def test_the_terms_page_shows_its_version_and_effective_date(client, public_site):
    response = client.get("/gebruikersvoorwaarden/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Versie 1.0, geldig vanaf 1 januari 2026" in html
    assert "Uw account is persoonlijk." in html


def test_the_demo_terms_are_the_current_terms(public_site):
    current = TermsPage.current()
    assert current is not None
    assert current.version == "1.0"
    assert current.live_revision_id is not None


def test_a_newer_live_version_becomes_current_but_a_draft_does_not(public_site):
    newer = TermsPage(title="Voorwaarden 2.0", slug="voorwaarden-2", version="2.0", effective_date=date(2026, 6, 1))
    newer.body = "<p>Nieuw.</p>"
    public_site.add_child(instance=newer)
    newer.save_revision().publish()
    draft = TermsPage(
        title="Voorwaarden 3.0", slug="voorwaarden-3", version="3.0", effective_date=date(2026, 9, 1), live=False
    )
    draft.body = "<p>Concept.</p>"
    public_site.add_child(instance=draft)
    assert TermsPage.current().version == "2.0"
