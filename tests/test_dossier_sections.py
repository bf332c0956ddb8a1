"""The section registry: a section declared once gets its route, menu entry, start-page card, scoped and
logged reads and its download; every registered route is a route of the dossier page, so the
authorisation sweep (which walks the page's routes) covers it."""

import pytest
from django.utils import timezone

from dossier import sections
from dossier.factories import make_agreement, make_appointment
from dossier.models import AccessAction, AccessLogEntry, AccessOutcome, Appointment, CareAgreement, ObjectType
from dossier.periods import PeriodSpec
from dossier_pages.models import DossierPage
from tests.personas import login_verified

URL = "/mijn-dossier/test-agenda/"


def _next_days(today):
    return today, today + timezone.timedelta(days=30)


@pytest.fixture
def test_section():
    """A section declared the way a new one would be, and taken out again afterwards."""
    section = sections.register(
        sections.Section(
            key="test_agenda",
            slug="test-agenda/",
            menu_label="Testagenda",
            heading="Testagenda",
            object_type=ObjectType.APPOINTMENTS,
            records=lambda user, client: Appointment.objects.visible_to(user, client),
            periods=PeriodSpec([("komend", "Komende maand", _next_days)], default="komend", allow_chosen=False),
            template="dossier_pages/appointments.html",
            caption="Testagenda",
            empty_text="Niets in de testagenda.",
            dashboard=sections.DashboardCard("dossier_pages/cards/appointments.html", lambda qs, today: qs.all()),
        )
    )
    yield section
    sections.registry.unregister(section.key)


@pytest.fixture
def anna(client, personas, dossier_page):
    return login_verified(client, personas.anna)


def test_a_declared_section_gets_a_route_a_menu_entry_and_a_table_of_its_own_records(anna, personas, test_section):
    make_appointment(personas.client_a, title="eigen-afspraak", starts_at=timezone.now() + timezone.timedelta(days=2))
    make_appointment(personas.client_c, title="andermans-afspraak")
    response = anna.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Testagenda</h1>" in html
    assert f'href="{URL}" aria-current="page">Testagenda' in html
    assert "eigen-afspraak" in html
    assert "andermans-afspraak" not in html
    assert 'data-label="Omschrijving"' in html


def test_a_declared_sections_read_is_logged_with_its_key_and_period(anna, personas, test_section):
    anna.get(URL)
    entry = AccessLogEntry.objects.filter(user=personas.anna).latest("pk")
    assert (entry.action, entry.object_type, entry.client) == (
        AccessAction.READ,
        ObjectType.APPOINTMENTS,
        personas.client_a,
    )
    assert entry.detail.startswith("periode: ")


def test_a_declared_section_shows_its_empty_text_for_an_empty_period(anna, test_section):
    assert "Niets in de testagenda." in anna.get(URL).content.decode()


def test_a_declared_section_puts_its_card_on_the_start_page(anna, personas, test_section):
    mine = make_appointment(personas.client_a, title="kaart-afspraak")
    cards = anna.get("/mijn-dossier/").context["cards"]
    card = cards[-1]  # registered last
    assert card["template"] == "dossier_pages/cards/appointments.html"
    assert list(card["shown"]) == [mine]


def test_a_section_taken_out_of_the_registry_loses_its_route(anna, test_section):
    sections.registry.unregister(test_section.key)
    try:
        assert anna.get(URL).status_code == 404
    finally:
        sections.register(test_section)


def test_a_key_can_only_be_registered_once(test_section):
    with pytest.raises(ValueError):
        sections.register(test_section)


def test_every_registered_route_is_a_route_of_the_dossier_page_and_so_in_the_sweep():
    patterns = {str(route.pattern) for route in DossierPage.get_subpage_urls()}
    for section in sections.registry.all():
        declared = [route.pattern for route in section.routes]
        if section.has_list:
            declared.append(section.slug)
        if section.document:
            declared.append(f"{section.slug}<int:pk>/download/")
        if section.period_document:
            declared.append(f"{section.slug}download/")
        assert set(declared) <= patterns, section.key
        assert declared, f"{section.key} declares no route"


def test_signing_plugs_its_route_and_stored_documents_into_the_plans_section():
    plans = sections.registry["plans"]
    assert [route.name for route in plans.routes] == ["plan_sign"]
    assert plans.document_sources == ("signing.services.served_plan_pdf",)


def test_a_record_download_of_a_declared_document_is_scoped_and_logged(anna, personas):
    mine = make_agreement(personas.client_a)
    other = make_agreement(personas.client_c)
    assert anna.get(f"/mijn-dossier/zorgovereenkomsten/{mine.pk}/download/")["Content-Type"] == "application/pdf"
    assert anna.get(f"/mijn-dossier/zorgovereenkomsten/{other.pk}/download/").status_code == 404
    logged = AccessLogEntry.objects.filter(user=personas.anna, object_type=ObjectType.CARE_AGREEMENT)
    assert set(logged.values_list("object_id", "outcome")) == {
        (str(mine.pk), AccessOutcome.ALLOWED),
        (str(other.pk), AccessOutcome.DENIED),
    }
    assert CareAgreement.objects.count() == 2
