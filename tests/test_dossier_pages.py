from datetime import timedelta

import pytest
from django.utils import timezone

from dossier.models import AccessLogEntry, AccessOutcome, ClientPlan, PlanStatus, Report
from tests.personas import login_verified

URL = "/mijn-dossier/"
SECTIONS = ["", "rapportages/", "clientplannen/", "evaluaties/", "zorgovereenkomsten/", "afspraken/", "profiel/"]


@pytest.fixture
def anna(client, personas, dossier_page):
    return login_verified(client, personas.anna)


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
