import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from dossier.factories import build_reports, make_agreement, make_evaluation, make_plan
from dossier.models import PlanStatus, Report
from tests.personas import login_verified

URL = "/mijn-dossier/"


@pytest.fixture
def anna(client, personas, dossier_page):
    return login_verified(client, personas.anna)


def _text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.getvalue()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_reports_pdf_has_header_client_period_text_page_numbers_and_confidential_footer(anna, personas):
    Report.objects.bulk_create(build_reports(personas.client_a, 40))
    today = timezone.localdate()
    start = today - timedelta(days=29)
    params = {"periode": "kiezen", "van": start.isoformat(), "tot": today.isoformat()}
    response = anna.get(URL + "rapportages/download/", params)
    reader, text = _text(response)
    assert "Zorggroep De Linde" in text
    assert "Anna Jansen" in text
    assert "100001" in text
    assert f"{start.day}" in text and str(today.year) in text
    assert "Rapportage nummer 0 over de dag." in text
    assert "Rapportage nummer 29 over de dag." in text
    assert "Rapportage nummer 30 over de dag." not in text
    assert "Vertrouwelijk" in text
    assert "Gemaakt op" in text
    assert len(reader.pages) > 1
    assert f"Pagina 1 van {len(reader.pages)}" in text
    assert response["Content-Disposition"] == (
        f'attachment; filename="rapportages-100001-{start.isoformat()}-{today.isoformat()}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]


def test_the_plan_pdf_shows_version_status_and_content(anna, personas):
    plan = make_plan(personas.client_a, status=PlanStatus.SIGNED, content="Samen koken op woensdag.")
    _reader, text = _text(anna.get(f"{URL}clientplannen/{plan.pk}/download/"))
    assert "Samen koken op woensdag." in text
    assert "ondertekend" in text
    assert "Anna Jansen" in text and "Vertrouwelijk" in text


def test_the_evaluation_and_agreement_pdfs_show_their_content(anna, personas):
    evaluation = make_evaluation(personas.client_a, content="Het dagritme is stabiel.")
    _reader, text = _text(anna.get(f"{URL}evaluaties/{evaluation.pk}/download/"))
    assert "Het dagritme is stabiel." in text
    agreement = make_agreement(personas.client_a, product="Begeleid wonen", content="Met dagbesteding.")
    _reader, text = _text(anna.get(f"{URL}zorgovereenkomsten/{agreement.pk}/download/"))
    assert "Begeleid wonen" in text and "Met dagbesteding." in text
    assert re.search(r"Pagina 1 van 1", text)


@pytest.mark.parametrize("number", ['100"01', "100\r\n01", "100\n01; filename=x.exe", "cliënt 100001"])
def test_a_client_number_with_quotes_or_line_breaks_still_downloads_its_pdfs(anna, personas, number):
    """Such numbers are refused on import, but one typed in before must not break the download header."""
    personas.client_a.client_number = number
    personas.client_a.save()
    Report.objects.bulk_create(build_reports(personas.client_a, 2))
    plan = make_plan(personas.client_a, status=PlanStatus.SIGNED)
    evaluation = make_evaluation(personas.client_a)
    agreement = make_agreement(personas.client_a)
    paths = [
        "rapportages/download/",
        f"clientplannen/{plan.pk}/download/",
        f"evaluaties/{evaluation.pk}/download/",
        f"zorgovereenkomsten/{agreement.pk}/download/",
    ]
    for path in paths:
        response = anna.get(URL + path)
        _text(response)
        header = response["Content-Disposition"]
        assert header.startswith("attachment; filename")
        assert not set(header) & {"\r", "\n"}
        assert header.replace('\\"', "").count('"') in (0, 2)
