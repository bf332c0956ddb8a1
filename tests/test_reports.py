from datetime import timedelta

import pytest
from django.utils import timezone

from dossier.factories import build_reports, make_report
from dossier.models import AccessAction, AccessLogEntry, Report

URL = "/mijn-dossier/rapportages/"


def _days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def reports(personas):
    return {
        days: make_report(personas.client_a, written_at=_days_ago(days), text=f"verslag-{days}-dagen")
        for days in (0, 5, 20, 200, 400)
    }


def _shown(response):
    body = response.content.decode()
    return {days for days in (0, 5, 20, 200, 400) if f"verslag-{days}-dagen" in body}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {0, 5}),
        ("?periode=week", {0, 5}),
        ("?periode=maand", {0, 5, 20}),
        ("?periode=jaar", {0, 5, 20, 200}),
    ],
)
def test_each_report_period_shows_the_reports_of_that_period(anna, reports, query, expected):
    assert _shown(anna.get(URL + query)) == expected


def test_a_chosen_period_shows_the_reports_between_its_dates(anna, reports):
    today = timezone.localdate()
    start, end = today - timedelta(days=401), today - timedelta(days=19)
    response = anna.get(URL, {"periode": "kiezen", "van": start.isoformat(), "tot": end.isoformat()})
    assert _shown(response) == {20, 200, 400}


def test_each_report_shows_department_author_and_treatment_goal(anna, personas):
    make_report(
        personas.client_a,
        department="Dagbesteding Het Atelier",
        author_name="Ruben Kuipers",
        treatment_goal="Zelfstandig koken",
    )
    body = anna.get(URL).content.decode()
    assert "Dagbesteding Het Atelier" in body
    assert "Ruben Kuipers" in body
    assert "Zelfstandig koken" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"periode": "kiezen", "van": "2026-03-31", "tot": "2026-01-01"}, "De begindatum ligt na de einddatum"),
        ({"periode": "kiezen", "van": "2010-01-01", "tot": "2026-01-01"}, "hoogstens vijf jaar"),
        ({"periode": "kiezen", "van": "31-02-2026", "tot": "2026-03-01"}, "Vul een geldige datum in"),
        ({"periode": "kiezen", "van": "", "tot": "2026-03-01"}, "Vul de begindatum"),
        ({"periode": "kiezen", "van": "0001-01-01", "tot": "0001-12-31"}, "tussen 1900 en 2100"),
        ({"periode": "eeuwig"}, "Kies een van de perioden"),
    ],
)
def test_an_invalid_period_gives_a_dutch_message_and_keeps_what_was_typed(anna, reports, params, message):
    response = anna.get(URL, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert _shown(response) == set()
    if params.get("tot"):
        assert f'value="{params["tot"]}"' in body


def test_reports_are_paginated_and_bad_page_numbers_are_handled(anna, personas):
    Report.objects.bulk_create(build_reports(personas.client_a, 45))
    assert anna.get(URL + "?periode=jaar").context["page_obj"].paginator.num_pages == 3
    for page, expected in [("2", 2), ("999", 3), ("abc", 1), ("-1", 3), ("", 1)]:
        response = anna.get(URL, {"periode": "jaar", "pagina": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == expected


def test_the_download_gives_a_pdf_of_the_selected_period_and_is_logged(anna, personas, reports):
    today = timezone.localdate()
    response = anna.get(URL + "download/", {"periode": "maand"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="rapportages-100001-')
    assert response["Content-Disposition"].endswith(f'-{today.isoformat()}.pdf"')
    assert "no-store" in response["Cache-Control"]
    assert AccessLogEntry.objects.filter(action=AccessAction.DOWNLOAD, object_type="reports", user=personas.anna)


def test_a_download_with_an_invalid_period_goes_back_with_a_message(anna, reports):
    response = anna.get(URL + "download/", {"periode": "kiezen", "van": "2026-05-01", "tot": "2026-01-01"}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "er is niets gedownload" in body
    assert "De begindatum ligt na de einddatum" in body


def test_viewing_reports_is_logged_with_the_period(anna, personas):
    anna.get(URL + "?periode=week")
    entry = AccessLogEntry.objects.get(object_type="reports")
    assert entry.action == AccessAction.READ
    assert entry.client == personas.client_a
    assert entry.user_role == "cliënt"
    assert entry.ip_address == "127.0.0.1"
    assert "periode" in entry.detail
