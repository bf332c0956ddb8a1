from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from dossier.models import AccessLogEntry, AccessOutcome, ClientPlan, PlanStatus, Report
from tests.personas import login_verified

URL = "/mijn-dossier/"
SECTIONS = ["", "rapportages/", "clientplannen/", "evaluaties/", "zorgovereenkomsten/", "afspraken/", "profiel/"]


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_opens_for_a_client_and_is_logged(anna, personas, section):
    response = anna.get(URL + section)
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(user=personas.anna, client=personas.client_a).count() == 1


@pytest.mark.parametrize("section", SECTIONS + ["rapportages/download/", "foto/"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, dossier_page, section):
    response = client.get(URL + section)
    assert response.status_code == 302
    assert "/account/" in response["Location"] or "login" in response["Location"]


def test_every_dossier_page_is_private_and_not_stored(anna):
    response = anna.get(URL)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_dashboard_shows_the_latest_signed_plan_with_status_and_date(anna, personas):
    ClientPlan.objects.create(
        client=personas.client_a,
        version=2,
        period_start=timezone.localdate() - timedelta(days=30),
        content="Doelen voor dit jaar.",
        status=PlanStatus.SIGNED,
        signed_at=timezone.now(),
    )
    response = anna.get(URL)
    assert "ondertekend" in response.content.decode()


def test_a_client_cannot_download_another_clients_plan(anna, personas):
    plan = ClientPlan.objects.create(
        client=personas.client_c, period_start=timezone.localdate(), content="x", status=PlanStatus.FINAL
    )
    response = anna.get(f"{URL}clientplannen/{plan.pk}/download/")
    assert response.status_code == 404
    entry = AccessLogEntry.objects.get(outcome=AccessOutcome.DENIED)
    assert entry.object_id == str(plan.pk)
    assert entry.client == personas.client_c


def test_reports_download_is_a_pdf(anna, personas):
    Report.objects.create(
        client=personas.client_a, written_at=timezone.now(), department="Wonen", author_name="Dirk", text="Goede dag"
    )
    response = anna.get(URL + "rapportages/download/?periode=week")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_representative_switches_between_the_clients_they_represent(client, personas, dossier_page):
    login_verified(client, personas.ben)
    response = client.get(URL)
    assert response.context["client"] == personas.client_b  # the first by name: Bakker before Jansen
    assert 'name="client"' in response.content.decode() and "Anna Jansen" in response.content.decode()
    response = client.post(URL + "client-kiezen/", {"client": personas.client_a.pk})
    assert response.status_code == 302
    assert client.get(URL).context["client"] == personas.client_a


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999999", "-1"])
def test_switching_to_a_nonsense_client_id_is_a_logged_404(client, personas, dossier_page, value):
    login_verified(client, personas.ben)
    assert client.post(URL + "client-kiezen/", {"client": value}).status_code == 404
    assert AccessLogEntry.objects.filter(outcome=AccessOutcome.DENIED, object_type="client").exists()


def test_a_client_with_one_dossier_sees_no_switcher(anna):
    assert 'name="client"' not in anna.get(URL).content.decode()


def test_expired_access_shows_the_no_access_page_and_no_data(client, personas, dossier_page):
    from dossier.models import DossierAccess

    today = timezone.localdate()
    DossierAccess.objects.filter(user=personas.carla).update(
        valid_from=today - timedelta(days=30), valid_until=today - timedelta(days=1)
    )
    Report.objects.create(
        client=personas.client_c, written_at=timezone.now(), department="Wonen", author_name="X", text="geheim-c"
    )
    login_verified(client, personas.carla)
    response = client.get(URL + "rapportages/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "U heeft op dit moment geen toegang tot een dossier" in body
    assert "geheim-c" not in body


def test_access_that_ends_mid_session_is_gone_at_the_next_click(client, personas, dossier_page):
    from dossier.models import DossierAccess

    login_verified(client, personas.ben)
    client.post(URL + "client-kiezen/", {"client": personas.client_a.pk})
    DossierAccess.objects.filter(user=personas.ben, client=personas.client_a).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert client.get(URL).context["client"] == personas.client_b


def test_the_photo_is_served_only_through_the_dossier_page(anna, personas, client):
    from django.core.files.base import ContentFile

    personas.client_a.photo.save("anna.png", ContentFile(b"\x89PNG\r\n\x1a\nfake"), save=True)
    response = anna.get(URL + "foto/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert 'src="/mijn-dossier/foto/"' in anna.get(URL).content.decode()
    assert not Path(personas.client_a.photo.path).is_relative_to(settings.MEDIA_ROOT)


def test_a_missing_photo_file_shows_the_initials_instead_of_a_broken_image(anna, personas):
    from django.core.files.base import ContentFile

    client = personas.client_a
    client.photo.save("anna.png", ContentFile(b"\x89PNG\r\n\x1a\nfake"), save=True)
    client.photo.storage.delete(client.photo.name)

    page = anna.get(URL).content.decode()
    assert 'src="/mijn-dossier/foto/"' not in page
    assert '<span class="dossier-account__initials" aria-hidden="true">AJ</span>' in page
    assert anna.get(URL + "foto/").status_code == 404


def test_a_client_without_photo_is_shown_with_initials(anna):
    page = anna.get(URL).content.decode()
    assert '<span class="dossier-account__initials" aria-hidden="true">AJ</span>' in page


def test_a_client_without_photo_gets_404_for_the_photo(anna):
    assert anna.get(URL + "foto/").status_code == 404


def test_the_dossier_page_is_not_in_search_or_the_sitemap(dossier_page):
    assert dossier_page.get_sitemap_urls() == []
    assert type(dossier_page).search_fields == []


def test_the_dashboard_has_a_menu_to_every_section_and_the_users_name(anna):
    body = anna.get(URL).content.decode()
    for section in SECTIONS:
        assert f'href="{URL}{section}"' in body
    assert "Anna Jansen" in body
    assert "uitloggen" in body.lower()


@pytest.mark.parametrize(
    "section, message",
    [
        ("rapportages/", "Er zijn geen rapportages in deze periode."),
        ("clientplannen/", "Er zijn geen cliëntplannen in deze periode."),
        ("evaluaties/", "Er zijn geen evaluaties in deze periode."),
        ("zorgovereenkomsten/", "Er zijn geen zorgovereenkomsten in deze periode."),
        ("afspraken/?periode=kiezen&van=2027-06-01&tot=2027-06-30", "Er staan geen afspraken in deze periode."),
        ("profiel/?periode=kiezen&van=2000-01-01&tot=2000-12-31", "In deze periode heeft niemand uw dossier bekeken."),
    ],
)
def test_a_period_without_records_says_so_and_suggests_another_period(anna, section, message):
    body = anna.get(URL + section).content.decode()
    assert message in body
    assert "Kies hierboven een andere periode" in body
